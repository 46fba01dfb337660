/// The one tokenizer every part of Commentary uses (metrics, lexicon, vocabulary): lowercase,
/// words split from punctuation. A word is a run of letters or digits (any script), keeping
/// apostrophes and hyphens inside words ("don't", "well-timed") and ':' or '.' between digits
/// ("0:04.2", "0.3"), so a cited time or a deduction is one token. Every other non-space
/// character is a token of its own.
///
/// Metrics score ``words(_:)``, which drops the punctuation tokens as coco-caption's PTB
/// tokenizer does before BLEU, METEOR, ROUGE-L and CIDEr-D; the caption decoder writes
/// ``tokens(_:)``, punctuation included, so its paragraphs have sentences.
public enum TextTokenizer {
    /// Lowercased tokens with punctuation as separate tokens.
    public static func tokens(_ text: String) -> [String] {
        let chars = Array(text.lowercased())
        var out: [String] = []
        var word = ""
        func flush() {
            if !word.isEmpty { out.append(word) }
            word = ""
        }
        for (i, c) in chars.enumerated() {
            if isWordCharacter(c) {
                word.append(c)
                continue
            }
            let previous = i > 0 ? chars[i - 1] : " "
            let next = i + 1 < chars.count ? chars[i + 1] : " "
            let joinsLetters = (c == "'" || c == "’" || c == "-") && !word.isEmpty && previous.isLetter && next.isLetter
            let joinsDigits = (c == ":" || c == ".") && !word.isEmpty && previous.isNumber && next.isNumber
            if joinsLetters || joinsDigits {
                word.append(c == "’" ? "'" : c)
                continue
            }
            flush()
            if !c.isWhitespace { out.append(String(c)) }
        }
        flush()
        return out
    }

    /// Lowercased words, punctuation removed (what the metrics compare).
    public static func words(_ text: String) -> [String] {
        tokens(text).filter { !isPunctuation($0) }
    }

    /// True for a token made of no letter or digit.
    public static func isPunctuation(_ token: String) -> Bool {
        !token.contains(where: isWordCharacter)
    }

    /// Text from tokens: spaces between words, none before closing punctuation, sentences
    /// capitalised. The inverse of ``tokens(_:)`` up to case and spacing.
    public static func detokenize(_ tokens: [String]) -> String {
        var text = ""
        var capitalise = true
        for token in tokens {
            let closing = [".", ",", ";", ":", "!", "?", ")"].contains(token)
            if !text.isEmpty, !closing, text.last != "(" { text += " " }
            if capitalise, let first = token.first, first.isLetter {
                text += first.uppercased() + token.dropFirst()
                capitalise = false
            } else {
                text += token
                if !isPunctuation(token) { capitalise = false }
            }
            if [".", "!", "?"].contains(token) { capitalise = true }
        }
        return text
    }

    /// Sentences of a text, split after '.', '!' or '?' (decimal points and times stay inside
    /// their token, so "0:04.2" does not end a sentence); each as its tokens.
    public static func sentences(_ text: String) -> [[String]] {
        var result: [[String]] = []
        var current: [String] = []
        for token in tokens(text) {
            current.append(token)
            if [".", "!", "?"].contains(token) {
                result.append(current)
                current = []
            }
        }
        if current.contains(where: { !isPunctuation($0) }) { result.append(current) }
        return result
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }
}
