import Foundation

/// The shapes the demo images show; each is one label, named by its raw value.
enum DemoShape: String, CaseIterable, Sendable {
    case circle
    case square
    case triangle
    case star
    case cross
}

/// A shape placed on a canvas, in pixel coordinates (origin top-left, y down).
struct DemoPlacedShape: Sendable {
    var shape: DemoShape
    var centerX: Double
    var centerY: Double
    /// The circumradius: every point of the shape lies within this distance of the centre.
    var radius: Double
    /// The rotation, in radians.
    var rotation: Double
    var color: DemoColor

    /// The outline as a closed polygon; empty for a circle, which is tested analytically.
    func outline() -> [(x: Double, y: Double)] {
        switch shape {
        case .circle:
            return []
        case .square:
            return regularPolygon(corners: 4, offset: .pi / 4)
        case .triangle:
            return regularPolygon(corners: 3, offset: -.pi / 2)
        case .star:
            // Ten points alternating between the outer radius and an inner one.
            return (0..<10).map { index in
                point(distance: index % 2 == 0 ? radius : radius * 0.45, angle: -.pi / 2 + Double(index) * .pi / 5)
            }
        case .cross:
            // A plus sign: arms of half-width 0.3·r reaching to r, as a 12-corner polygon.
            let arm = radius / (1 + 0.09).squareRoot()  // keeps the corners of the arms on the circumcircle
            let half = arm * 0.3
            let corners: [(Double, Double)] = [
                (half, -arm), (half, -half), (arm, -half), (arm, half), (half, half), (half, arm),
                (-half, arm), (-half, half), (-arm, half), (-arm, -half), (-half, -half), (-half, -arm),
            ]
            return corners.map { rotated($0.0, $0.1) }
        }
    }

    /// The intervals of the horizontal line at `y` that lie inside the shape, left to right; `outline` is the
    /// result of ``outline()``. A point on the line is inside when `start <= x < end` for one of them.
    func spans(atY y: Double, outline: [(x: Double, y: Double)]) -> [(start: Double, end: Double)] {
        if shape == .circle {
            let dy = y - centerY
            let squared = radius * radius - dy * dy
            guard squared > 0 else { return [] }
            let half = squared.squareRoot()
            return [(centerX - half, centerX + half)]
        }
        // Even-odd rule: the line enters and leaves the polygon at alternate edge crossings.
        var crossings: [Double] = []
        var previous = outline[outline.count - 1]
        for current in outline {
            if (current.y > y) != (previous.y > y) {
                crossings.append(current.x + (y - current.y) * (previous.x - current.x) / (previous.y - current.y))
            }
            previous = current
        }
        crossings.sort()
        return stride(from: 0, to: crossings.count - 1, by: 2).map { (crossings[$0], crossings[$0 + 1]) }
    }

    private func regularPolygon(corners: Int, offset: Double) -> [(x: Double, y: Double)] {
        (0..<corners).map { point(distance: radius, angle: offset + Double($0) * 2 * .pi / Double(corners)) }
    }

    private func point(distance: Double, angle: Double) -> (x: Double, y: Double) {
        (centerX + distance * cos(angle + rotation), centerY + distance * sin(angle + rotation))
    }

    private func rotated(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        let (cosine, sine) = (cos(rotation), sin(rotation))
        return (centerX + x * cosine - y * sine, centerY + x * sine + y * cosine)
    }
}
