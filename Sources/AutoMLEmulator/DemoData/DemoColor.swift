/// An 8-bit RGB colour.
struct DemoColor: Sendable, Hashable {
    var red: UInt8
    var green: UInt8
    var blue: UInt8

    /// Any colour, uniformly.
    static func random(using generator: inout SplitMix64) -> DemoColor {
        let bits = generator.next()
        return DemoColor(
            red: UInt8(truncatingIfNeeded: bits), green: UInt8(truncatingIfNeeded: bits >> 8),
            blue: UInt8(truncatingIfNeeded: bits >> 16))
    }

    /// A saturated, fairly bright colour: a random hue at saturation 0.55–1 and value 0.55–1.
    static func vivid(using generator: inout SplitMix64) -> DemoColor {
        let hue = generator.nextUnit() * 6
        let saturation = 0.55 + 0.45 * generator.nextUnit()
        let value = 0.55 + 0.45 * generator.nextUnit()
        let sector = Int(hue) % 6
        let fraction = hue - Double(Int(hue))
        let (p, q, t) = (
            value * (1 - saturation), value * (1 - saturation * fraction),
            value * (1 - saturation * (1 - fraction))
        )
        let rgb: (Double, Double, Double)
        switch sector {
        case 0: rgb = (value, t, p)
        case 1: rgb = (q, value, p)
        case 2: rgb = (p, value, t)
        case 3: rgb = (p, q, value)
        case 4: rgb = (t, p, value)
        default: rgb = (value, p, q)
        }
        return DemoColor(red: byte(rgb.0), green: byte(rgb.1), blue: byte(rgb.2))
    }

    /// The Euclidean distance between two colours in RGB space (0–442).
    func distance(to other: DemoColor) -> Double {
        let dr = Double(red) - Double(other.red)
        let dg = Double(green) - Double(other.green)
        let db = Double(blue) - Double(other.blue)
        return (dr * dr + dg * dg + db * db).squareRoot()
    }

    /// The colour `fraction` of the way from `self` to `other`.
    func mixed(with other: DemoColor, _ fraction: Double) -> DemoColor {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            DemoColor.byte((Double(a) + (Double(b) - Double(a)) * fraction) / 255)
        }
        return DemoColor(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
    }

    private static func byte(_ unit: Double) -> UInt8 {
        UInt8(max(0, min(255, (unit * 255).rounded())))
    }
}
