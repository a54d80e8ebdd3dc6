import Foundation

/// The pixels a shape covers, inclusive, in pixel coordinates.
struct DemoPixelBox: Sendable, Hashable {
    var minX: Int
    var minY: Int
    var maxX: Int
    var maxY: Int
}

/// Paints a ``DemoScene`` into packed 8-bit RGB. Pixel loops work on raw buffers with integer blending, so thousands
/// of images take seconds even in a debug build.
struct DemoCanvas {
    /// `size × size × 3` bytes, rows top to bottom.
    private(set) var rgb: [UInt8]
    let size: Int

    /// Paints the scene; returns the canvas and, for each of the scene's shapes, the pixels it touched.
    /// The noise is drawn from `generator`.
    static func render(_ scene: DemoScene, using generator: inout SplitMix64) -> (DemoCanvas, [DemoPixelBox]) {
        var canvas = DemoCanvas(rgb: [UInt8](repeating: 0, count: scene.size * scene.size * 3), size: scene.size)
        canvas.paintBackground(scene)
        for clutter in scene.clutter { canvas.paint(clutter) }
        var boxes: [DemoPixelBox] = []
        for shape in scene.shapes {
            if let box = canvas.paint(shape) { boxes.append(box) }
        }
        canvas.addNoise(amplitude: scene.noiseAmplitude, using: &generator)
        return (canvas, boxes)
    }

    /// Blends `color` into the pixel at `index` (its red byte) with `weight`/256 of opacity.
    private static func blend(
        _ pixels: UnsafeMutableBufferPointer<UInt8>, _ index: Int, _ color: DemoColor, _ weight: Int
    ) {
        func mix(_ old: UInt8, _ new: UInt8) -> UInt8 {
            UInt8(truncatingIfNeeded: (Int(old) * (256 - weight) + Int(new) * weight + 128) >> 8)
        }
        pixels[index] = mix(pixels[index], color.red)
        pixels[index + 1] = mix(pixels[index + 1], color.green)
        pixels[index + 2] = mix(pixels[index + 2], color.blue)
    }

    /// A linear gradient from the start colour to the end colour along the scene's angle.
    private mutating func paintBackground(_ scene: DemoScene) {
        let (cosine, sine) = (cos(scene.gradientAngle), sin(scene.gradientAngle))
        let side = Double(size)
        let size = size
        let (start, end) = (scene.backgroundStart, scene.backgroundEnd)
        rgb.withUnsafeMutableBufferPointer { pixels in
            for y in 0..<size {
                let rowPart = (Double(y) - side / 2) * sine
                for x in 0..<size {
                    let along = ((Double(x) - side / 2) * cosine + rowPart) / side + 0.5
                    let weight = Int(max(0, min(1, along)) * 256 + 0.5)  // not rounded(): a libm call per pixel
                    let index = (y * size + x) * 3
                    pixels[index] = start.red
                    pixels[index + 1] = start.green
                    pixels[index + 2] = start.blue
                    DemoCanvas.blend(pixels, index, end, weight)
                }
            }
        }
    }

    private mutating func paint(_ clutter: DemoScene.Clutter) {
        let weight = Int((clutter.opacity * 256).rounded())
        let size = size
        rgb.withUnsafeMutableBufferPointer { pixels in
            for y in clutter.minY...clutter.maxY {
                for x in clutter.minX...clutter.maxX {
                    DemoCanvas.blend(pixels, (y * size + x) * 3, clutter.color, weight)
                }
            }
        }
    }

    /// Paints a shape with 2×2 samples per pixel (soft edges); returns the bounding box of the pixels it touched.
    private mutating func paint(_ shape: DemoPlacedShape) -> DemoPixelBox? {
        let outline = shape.outline()
        let last = size - 1
        let minY = max(0, Int((shape.centerY - shape.radius).rounded(.down)))
        let maxY = min(last, Int((shape.centerY + shape.radius).rounded(.up)))
        guard minY <= maxY else { return nil }
        var box: DemoPixelBox?
        var coverage = [Int](repeating: 0, count: size)
        let size = size
        let color = shape.color
        for y in minY...maxY {
            for index in coverage.indices { coverage[index] = 0 }
            var (rowMin, rowMax) = (Int.max, Int.min)
            for sampleY in [0.25, 0.75] {
                for span in shape.spans(atY: Double(y) + sampleY, outline: outline) {
                    // Sample x + o lies in [start, end) for x from ceil(start - o) to ceil(end - o) - 1.
                    for sampleX in [0.25, 0.75] {
                        let first = max(0, Int((span.start - sampleX).rounded(.up)))
                        let end = min(size, Int((span.end - sampleX).rounded(.up)))
                        guard first < end else { continue }
                        for x in first..<end { coverage[x] += 1 }
                        rowMin = min(rowMin, first)
                        rowMax = max(rowMax, end - 1)
                    }
                }
            }
            guard rowMin <= rowMax else { continue }
            rgb.withUnsafeMutableBufferPointer { pixels in
                for x in rowMin...rowMax where coverage[x] > 0 {
                    DemoCanvas.blend(pixels, (y * size + x) * 3, color, coverage[x] * 64)
                }
            }
            if var current = box {
                current.minX = min(current.minX, rowMin)
                current.maxX = max(current.maxX, rowMax)
                current.maxY = y
                box = current
            } else {
                box = DemoPixelBox(minX: rowMin, minY: y, maxX: rowMax, maxY: y)
            }
        }
        return box
    }

    /// Moves each channel of each pixel by a uniform amount in `-amplitude...amplitude`.
    private mutating func addNoise(amplitude: Int, using generator: inout SplitMix64) {
        guard amplitude > 0 else { return }
        let span = UInt64(2 * amplitude + 1)
        rgb.withUnsafeMutableBufferPointer { pixels in
            var index = 0
            while index < pixels.count {
                var bits = generator.next()
                for channel in 0..<3 {
                    let value = Int(pixels[index + channel]) + Int((bits & 0xFFFF) % span) - amplitude
                    pixels[index + channel] = UInt8(truncatingIfNeeded: max(0, min(255, value)))
                    bits >>= 16
                }
                index += 3
            }
        }
    }
}
