import Backprop
import Foundation

/// An item's words as its spec states them: heading, caption and proposals. A built-in report's
/// hook fills the `{{name}}` placeholders in them with what it measured.
struct ItemProse {
    let title: String
    let caption: String
    let proposals: [String]
}

extension ItemSpec {
    /// The heading, caption and proposals with `values` in their placeholders.
    func prose(_ values: [String: String] = [:]) throws -> ItemProse {
        ItemProse(
            title: try filling(title ?? description, values, field: "title"),
            caption: try filling(caption ?? "Data: \(data).", values, field: "caption"),
            proposals: try (proposals ?? []).enumerated().map { index, text in
                try filling(text, values, field: "proposals[\(index)]")
            })
    }

    /// `text` with each `{{name}}` of `values` replaced; a placeholder left over is an error naming the item.
    func filling(_ text: String, _ values: [String: String], field: String) throws -> String {
        try Placeholders.fill(text, values, source: "item \(id)", field: field)
    }
}

/// `{{name}}` placeholders in a spec's words, filled by a built-in report's hook.
enum Placeholders {
    /// The first placeholder in `text` ("{{epochs}}"), if any.
    static func first(in text: String) -> String? { all(in: text).first }

    /// Every placeholder in `text`, in order.
    static func all(in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let range = rest.range(of: #"\{\{[A-Za-z0-9_]+\}\}"#, options: .regularExpression) {
            found.append(String(rest[range]))
            rest = rest[range.upperBound...]
        }
        return found
    }

    /// `text` with each `{{name}}` of `values` replaced; a placeholder nothing fills is an error.
    static func fill(_ text: String, _ values: [String: String], source: String, field: String) throws -> String {
        var filled = text
        for (name, value) in values { filled = filled.replacingOccurrences(of: "{{\(name)}}", with: value) }
        if let left = first(in: filled) {
            throw RecipeError.malformed(source: source, detail: "field \(field): nothing fills \(left)")
        }
        return filled
    }
}

extension ReportHookInput {
    /// The item being rendered; a hook without one is a defect of the built-in report.
    var renderedItem: ItemSpec {
        guard let item else { preconditionFailure("report \(report.prefix)'s hook renders no item") }
        return item
    }

    /// Adds the item as a table (by default the spec's `markdown`), under its spec's heading,
    /// caption and proposals with `values` filled in.
    func addTable(_ markdown: String? = nil, _ values: [String: String] = [:]) throws {
        let item = renderedItem
        let prose = try item.prose(values)
        guard let markdown = markdown ?? item.markdown else {
            preconditionFailure("report \(report.prefix)'s \(item.id) has no table")
        }
        document.addTable(
            number: itemNumber, title: prose.title, caption: prose.caption, proposals: prose.proposals,
            markdown: try item.filling(markdown, values, field: "markdown"))
    }

    /// Adds the item as a figure (`part` for one of several, "a" → fig-2a), under its spec's
    /// heading, caption and proposals with `values` filled in.
    func addFigure(_ figure: Figure, numbers: [String: Any], _ values: [String: String] = [:], part: String = "")
        throws
    {
        let prose = try renderedItem.prose(values)
        document.addFigure(
            number: itemNumber + part, title: prose.title, caption: prose.caption, proposals: prose.proposals,
            figure: figure, numbers: numbers)
    }
}
