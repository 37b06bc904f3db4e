//! Cutting a recommendations block into its items.
//!
//! The 2008–2012 layout writes the block as one sentence of semicolon-separated clauses:
//! "Recommendations for Kazakhstan: Increase efforts ...; work to ensure ...; and continue ...".
//! Items keep the report's wording exactly; only the list's own punctuation (the separating
//! semicolons, the "and " before the last clause, the closing period) is dropped.

/// Splits a semicolon list into its clauses.
///
/// Semicolons inside parentheses or brackets do not split ("(including ...; and ...)"). Empty
/// clauses (";;" or a stray trailing semicolon) are skipped.
pub fn split_semicolon_list(block: &str) -> Vec<String> {
    let block = block.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut clauses = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in block.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ';' if depth == 0 => {
                clauses.push(&block[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    clauses.push(&block[start..]);

    let mut items: Vec<String> = clauses
        .into_iter()
        .map(str::trim)
        .filter(|clause| !clause.is_empty())
        .map(str::to_string)
        .collect();
    if items.len() > 1
        && let Some(last) = items.last_mut()
        && let Some(rest) = last
            .strip_prefix("and ")
            .or_else(|| last.strip_prefix("And "))
    {
        *last = rest.to_string();
    }
    if let Some(last) = items.last_mut() {
        *last = strip_closing_period(last).to_string();
    }
    items.retain(|item| !item.is_empty());
    items
}

/// Drops the full stop that closes the list, but not one that belongs to an abbreviation the
/// clause ends with ("U.S.", "etc.").
fn strip_closing_period(item: &str) -> &str {
    let Some(stripped) = item.strip_suffix('.') else {
        return item;
    };
    let last_word = stripped.rsplit(' ').next().unwrap_or("");
    let is_abbreviation = last_word.contains('.') || matches!(last_word, "etc" | "Etc" | "al");
    if is_abbreviation { item } else { stripped }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn splits_on_the_texts_own_semicolons() {
        let items = split_semicolon_list(
            "Increase efforts to identify victims; work to ensure assistance; and continue to \
             strengthen the capacity of police.",
        );
        assert_eq!(
            items,
            [
                "Increase efforts to identify victims",
                "work to ensure assistance",
                "continue to strengthen the capacity of police",
            ]
        );
    }

    #[test]
    fn semicolons_in_parentheses_do_not_split() {
        let items = split_semicolon_list(
            "adopt a law (including on labor; and on sex trafficking); and train judges.",
        );
        assert_eq!(
            items,
            [
                "adopt a law (including on labor; and on sex trafficking)",
                "train judges"
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_single_items() {
        assert_eq!(
            split_semicolon_list("cooperate with the U.S."),
            ["cooperate with the U.S."]
        );
        assert_eq!(
            split_semicolon_list("and continue efforts."),
            ["and continue efforts"]
        );
        assert_eq!(split_semicolon_list(" ; ;"), Vec::<String>::new());
    }
}
