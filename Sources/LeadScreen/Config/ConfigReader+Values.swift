import Foundation
import Yams

/// One `key: value` entry of a mapping, the key already checked to be allowed.
struct ConfigEntry {
  var key: String
  var keyNode: Node
  var value: Node
}

extension ConfigReader {
  /// Whether `node` is YAML null (`~`, `null`, or nothing after the colon).
  static func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  /// `node` as a mapping, or an error saying `what` must be one.
  func mapping(_ node: Node, _ what: String) throws(ConfigError) -> Node.Mapping {
    guard case .mapping(let mapping) = node else {
      throw error(at: node, "\(what) must be a mapping of `key: value` lines")
    }
    return mapping
  }

  /// `node` as a list of items, or an error naming `what`.
  func sequence(_ node: Node, _ what: String) throws(ConfigError) -> [Node] {
    guard case .sequence(let sequence) = node else {
      throw error(at: node, "\(what) must be a list like [a, b]")
    }
    return Array(sequence)
  }

  /// The entries of `mapping`, each key a plain name out of `allowed`. A YAML
  /// merge key (`<<: *base`, or `<<: [*a, *b]`) adds the entries of the merged
  /// mappings that the mapping does not set itself.
  /// - Parameter place: where the mapping is, for messages ("in campaign hvac-austin").
  func entries(
    _ mapping: Node.Mapping, allowed: [String], place: String
  ) throws(ConfigError) -> [ConfigEntry] {
    var result: [ConfigEntry] = []
    var merged: [ConfigEntry] = []
    for (keyNode, value) in mapping {
      guard case .scalar(let scalar) = keyNode else {
        throw error(at: keyNode, "a key \(place) must be a plain name")
      }
      if scalar.string == "<<", scalar.style == .plain {
        for entry in try mergedEntries(value, allowed: allowed, place: place)
        where !merged.contains(where: { $0.key == entry.key }) {
          merged.append(entry)
        }
        continue
      }
      guard allowed.contains(scalar.string) else {
        throw error(
          at: keyNode,
          "unknown key `\(scalar.string)` \(place) (expected one of: "
            + allowed.joined(separator: ", ") + ")")
      }
      result.append(ConfigEntry(key: scalar.string, keyNode: keyNode, value: value))
    }
    for entry in merged where !result.contains(where: { $0.key == entry.key }) {
      result.append(entry)
    }
    return result
  }

  /// The entries a merge key brings: one mapping, or a list of them (earlier wins).
  private func mergedEntries(
    _ value: Node, allowed: [String], place: String
  ) throws(ConfigError) -> [ConfigEntry] {
    let sources: [Node]
    if case .sequence(let sequence) = value { sources = Array(sequence) } else { sources = [value] }
    var result: [ConfigEntry] = []
    for source in sources {
      guard case .mapping(let mapping) = source else {
        throw error(at: source, "`<<` \(place) must merge a mapping, like `<<: *defaults`")
      }
      result += try entries(mapping, allowed: allowed, place: place)
    }
    return result
  }

  /// The text of a scalar `node`; `what` describes the expected value.
  func text(_ node: Node, _ what: String) throws(ConfigError) -> String {
    guard case .scalar(let scalar) = node, !Self.isNull(node) else {
      throw error(at: node, "\(what)")
    }
    return scalar.string
  }

  /// A whole number in `range`, digits with optional `_` separators.
  func integer(
    _ node: Node, _ name: String, in range: ClosedRange<Int>, place: String = ""
  ) throws(ConfigError) -> Int {
    let expected = "\(name) must be a whole number\(place)"
    let raw = try text(node, expected)
    let digits = raw.filter { $0 != "_" }
    let body =
      digits.hasPrefix("-") || digits.hasPrefix("+") ? digits.dropFirst() : Substring(digits)
    guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits)
    else {
      throw error(at: node, "\(expected) (found `\(raw)`)")
    }
    guard range.contains(value) else {
      throw error(
        at: node,
        "\(name) must be between \(range.lowerBound) and \(range.upperBound)\(place) (found \(raw))"
      )
    }
    return value
  }

  /// A finite number in `range` (`5`, `0.5`, `1.5e3`).
  func number(
    _ node: Node, _ name: String, in range: ClosedRange<Double>, place: String = ""
  ) throws(ConfigError) -> Double {
    let expected = "\(name) must be a number like 0.5\(place)"
    let raw = try text(node, expected)
    let allowed = Set("0123456789.+-eE")
    guard raw.allSatisfy(allowed.contains), let value = Double(raw), value.isFinite else {
      throw error(at: node, "\(expected) (found `\(raw)`)")
    }
    guard range.contains(value) else {
      let upper =
        range.upperBound == .greatestFiniteMagnitude
        ? "" : " and at most \(Self.show(range.upperBound))"
      throw error(
        at: node,
        "\(name) must be at least \(Self.show(range.lowerBound))\(upper)\(place) (found \(raw))")
    }
    return value
  }

  /// `true` or `false`.
  func bool(_ node: Node, _ name: String, place: String = "") throws(ConfigError) -> Bool {
    let expected = "\(name) must be true or false\(place)"
    switch try text(node, expected).lowercased() {
    case "true": return true
    case "false": return false
    default: throw error(at: node, "\(expected) (found `\(node.scalar?.string ?? "")`)")
    }
  }

  /// A number for messages: `5` rather than `5.0`.
  static func show(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
