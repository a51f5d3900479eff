//! Markdown narrative to Typst markup. Emphasis, strong emphasis, paragraphs
//! and lists are the only markup a user can write; anything else Markdown
//! knows (headings, links, code, HTML, quotes) is printed as the text it was
//! written as. All text is emitted as Typst string literals.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::escape::markup_text;

/// Converts `markdown` to Typst markup.
///
/// Ordered lists number `1.`, `2.`, …; bullet lists letter `a)`, `b)`, …,
/// or `a.`, `b.`, … when nested inside a numbered list, as in the official
/// documents.
pub fn to_typst(markdown: &str) -> String {
    convert(markdown).0
}

/// Converts `markdown` like [`to_typst`], with its last block (the closing
/// paragraph, or a list) held on the same page as what follows it: the
/// signature block. The template's `rk-penutup` does the holding; a closing
/// block longer than the room left on its page still breaks.
pub fn to_typst_closing(markdown: &str) -> String {
    let (markup, last) = convert(markdown);
    if last >= markup.len() {
        return markup;
    }
    // The paragraph break makes a lone paragraph in the block a paragraph
    // (first-line indent and all), not inline text of the block.
    format!("{}#rk-penutup[{}\n\n]", &markup[..last], &markup[last..])
}

/// The markup, and the offset in it where the last top-level block starts.
fn convert(markdown: &str) -> (String, usize) {
    let mut out = Typst::default();
    let mut last = 0;
    // For each open list: whether it is ordered.
    let mut lists: Vec<bool> = Vec::new();
    let mut events = Parser::new_ext(markdown, Options::empty()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        if !matches!(
            event,
            Event::Text(_)
                | Event::SoftBreak
                | Event::Code(_)
                | Event::Html(_)
                | Event::InlineHtml(_)
        ) {
            out.flush();
        }
        let out_text = &mut out.text;
        let out = &mut out.markup;
        let top_level_block = match &event {
            Event::Start(Tag::Paragraph | Tag::List(_)) | Event::Rule => true,
            Event::Start(tag) => is_block(tag),
            _ => false,
        };
        if top_level_block && lists.is_empty() {
            last = out.len();
        }
        match event {
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => out.push_str("\n\n"),
            Event::Start(Tag::Emphasis) => out.push_str("#emph["),
            Event::Start(Tag::Strong) => out.push_str("#strong["),
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => out.push(']'),
            Event::Start(Tag::List(start)) => {
                let pattern = match start {
                    Some(_) => "1.",
                    None if lists.contains(&true) => "a.",
                    None => "a)",
                };
                out.push_str("#enum(numbering: \"");
                out.push_str(pattern);
                out.push('"');
                if let Some(start) = start {
                    out.push_str(&format!(", start: {start}"));
                }
                out.push_str(", ");
                lists.push(start.is_some());
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                out.push_str(")\n\n");
            }
            Event::Start(Tag::Item) => out.push('['),
            Event::End(TagEnd::Item) => out.push_str("], "),
            Event::Text(text) => out_text.push_str(&text),
            Event::SoftBreak => out_text.push(' '),
            Event::HardBreak => out.push_str("#linebreak();"),
            Event::Start(tag) => {
                // Anything else is shown as written: take its source text
                // and skip its inner events.
                let block = is_block(&tag);
                markup_text(out, markdown[range].trim_end());
                if block {
                    out.push_str("\n\n");
                }
                let mut depth = 1;
                for (inner, _) in events.by_ref() {
                    match inner {
                        Event::Start(_) => depth += 1,
                        Event::End(_) => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 {
                        break;
                    }
                }
            }
            Event::End(_) => {}
            Event::Rule => {
                markup_text(out, markdown[range].trim_end());
                out.push_str("\n\n");
            }
            _ => out_text.push_str(&markdown[range]),
        }
    }
    out.flush();
    let mut out = out.markup;
    out.truncate(out.trim_end().len());
    (out, last)
}

/// Markup being written, with the run of plain text not yet emitted.
#[derive(Default)]
struct Typst {
    markup: String,
    text: String,
}

impl Typst {
    /// Emits the pending text as one string literal.
    fn flush(&mut self) {
        if !self.text.is_empty() {
            markup_text(&mut self.markup, &self.text);
            self.text.clear();
        }
    }
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::MetadataBlock(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_emphasis() {
        assert_eq!(
            to_typst("Puji *syukur*\nkami.\n\nDua."),
            "#\"Puji \";#emph[#\"syukur\";]#\" kami.\";\n\n#\"Dua.\";"
        );
    }

    #[test]
    fn lists_number_and_letter() {
        let typst = to_typst("1. Camat\n2. Sekretaris:\n   - Umum\n\n- a\n");
        assert!(
            typst.contains("#enum(numbering: \"1.\", start: 1, [#\"Camat\";], "),
            "{typst}"
        );
        assert!(
            typst.contains("#enum(numbering: \"a.\", [#\"Umum\";], )"),
            "{typst}"
        );
        assert!(
            typst.contains("#enum(numbering: \"a)\", [#\"a\";], )"),
            "{typst}"
        );
    }

    #[test]
    fn closing_block_is_the_last_paragraph_or_list() {
        assert_eq!(
            to_typst_closing("Satu.\n\nDua *kata*."),
            "#\"Satu.\";\n\n#rk-penutup[#\"Dua \";#emph[#\"kata\";]#\".\";\n\n]"
        );
        let list = to_typst_closing("Satu.\n\n1. a\n   - b\n\n   lagi\n2. c\n");
        assert!(
            list.starts_with("#\"Satu.\";\n\n#rk-penutup[#enum(numbering: \"1.\""),
            "{list}"
        );
        assert!(list.ends_with(")\n\n]"), "{list}");
        assert_eq!(to_typst_closing("Hanya."), "#rk-penutup[#\"Hanya.\";\n\n]");
        assert_eq!(to_typst_closing(""), "");
    }

    #[test]
    fn other_markdown_is_literal() {
        assert_eq!(to_typst("# Judul"), "#\"# Judul\";");
        assert_eq!(
            to_typst("lihat [x](y) `z`"),
            "#\"lihat \";#\"[x](y)\";#\" `z`\";"
        );
    }
}
