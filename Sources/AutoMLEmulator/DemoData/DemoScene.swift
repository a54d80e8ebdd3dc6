/// What one demo image shows, decided before any pixel is painted: a two-colour gradient background, a few faint
/// rectangles of clutter, the shapes, and the strength of the noise added on top.
struct DemoScene: Sendable {
    /// A faint rectangle of the background clutter, in pixels.
    struct Clutter: Sendable {
        var minX: Int
        var minY: Int
        var maxX: Int
        var maxY: Int
        var color: DemoColor
        var opacity: Double
    }

    /// The side of the square image, in pixels.
    var size: Int
    var backgroundStart: DemoColor
    var backgroundEnd: DemoColor
    /// The direction of the background gradient, in radians.
    var gradientAngle: Double
    var clutter: [Clutter]
    var shapes: [DemoPlacedShape]
    /// Each channel of each pixel moves by a uniform amount in `-noiseAmplitude...noiseAmplitude`.
    var noiseAmplitude: Int

    /// A scene with one large shape, for classification.
    static func single(_ shape: DemoShape, size: Int, using generator: inout SplitMix64) -> DemoScene {
        var scene = background(size: size, using: &generator)
        let side = Double(size)
        let radius = side * (0.22 + 0.23 * generator.nextUnit())
        scene.shapes = [
            place(shape, radius: radius, in: scene, avoiding: [], attempts: 1, using: &generator)
        ].compactMap { $0 }
        return scene
    }

    /// A scene with 1...`maxObjects` smaller shapes that do not overlap, drawn from `shapes`, for object detection.
    static func several(
        from shapes: [DemoShape], maxObjects: Int, size: Int, using generator: inout SplitMix64
    ) -> DemoScene {
        var scene = background(size: size, using: &generator)
        let count = 1 + Int(generator.next() % UInt64(maxObjects))
        let side = Double(size)
        // At least 8 px of circumradius, so every box is well above the import's 8×8 px minimum.
        let smallest = max(8, side * 0.09)
        let largest = max(smallest, side * 0.22)
        var placed: [DemoPlacedShape] = []
        for index in 0..<count {
            let shape = shapes[Int(generator.next() % UInt64(shapes.count))]
            let radius = smallest + (largest - smallest) * generator.nextUnit()
            // The first shape always fits; later ones are dropped when no free spot turns up.
            let attempts = index == 0 ? 1 : 30
            if let next = place(
                shape, radius: radius, in: scene, avoiding: placed, attempts: attempts,
                using: &generator)
            {
                placed.append(next)
            }
        }
        scene.shapes = placed
        return scene
    }

    private static func background(size: Int, using generator: inout SplitMix64) -> DemoScene {
        let start = DemoColor.random(using: &generator)
        // The second colour stays near the first, so the gradient reads as lighting rather than as an object.
        let end = start.mixed(with: DemoColor.random(using: &generator), 0.5)
        let clutterCount = Int(generator.next() % 5)
        let clutter = (0..<clutterCount).map { _ in
            let (x1, x2) = (Int(generator.next() % UInt64(size)), Int(generator.next() % UInt64(size)))
            let (y1, y2) = (Int(generator.next() % UInt64(size)), Int(generator.next() % UInt64(size)))
            return Clutter(
                minX: min(x1, x2), minY: min(y1, y2), maxX: max(x1, x2), maxY: max(y1, y2),
                color: DemoColor.random(using: &generator), opacity: 0.1 + 0.2 * generator.nextUnit()
            )
        }
        return DemoScene(
            size: size, backgroundStart: start, backgroundEnd: end, gradientAngle: generator.nextUnit() * 2 * .pi,
            clutter: clutter, shapes: [], noiseAmplitude: 4 + Int(generator.next() % 21)
        )
    }

    /// A shape of the given radius at a random spot fully inside the image, at least 2 px away from `others`
    /// (circumcircles apart), in a colour that stands out from the background; nil when `attempts` spots all collide.
    private static func place(
        _ shape: DemoShape, radius: Double, in scene: DemoScene, avoiding others: [DemoPlacedShape], attempts: Int,
        using generator: inout SplitMix64
    ) -> DemoPlacedShape? {
        let side = Double(scene.size)
        var color = DemoColor.vivid(using: &generator)
        for _ in 0..<16
        where min(color.distance(to: scene.backgroundStart), color.distance(to: scene.backgroundEnd))
            < 110
        {
            color = DemoColor.vivid(using: &generator)
        }
        let rotation = generator.nextUnit() * 2 * .pi
        for _ in 0..<attempts {
            let centerX = radius + (side - 2 * radius) * generator.nextUnit()
            let centerY = radius + (side - 2 * radius) * generator.nextUnit()
            let collides = others.contains { other in
                let (dx, dy) = (other.centerX - centerX, other.centerY - centerY)
                let gap = other.radius + radius + 2
                return dx * dx + dy * dy < gap * gap
            }
            if !collides {
                return DemoPlacedShape(
                    shape: shape, centerX: centerX, centerY: centerY, radius: radius, rotation: rotation, color: color
                )
            }
        }
        return nil
    }
}
