//! Checksums of the two national identifiers: the citizen ID number (GB 11643-1999)
//! and the unified social credit code (GB 32100-2015).

/// What is wrong with an identifier, so that a message can say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdProblem {
    /// Not 18 characters of the identifier's alphabet (17 digits and a check character).
    Format,
    /// The digits of a citizen ID's birth date (7th to 14th) are not a real day.
    BirthDate,
    /// The check character is not the one the other 17 give.
    Checksum,
}

impl IdProblem {
    /// The word the policies read (`principal.idProblem`).
    pub fn as_str(self) -> &'static str {
        match self {
            IdProblem::Format => "format",
            IdProblem::BirthDate => "birth_date",
            IdProblem::Checksum => "checksum",
        }
    }
}

/// What is wrong with `id` as a citizen ID number (GB 11643), or `None` when it is one:
/// the format first, then the birth date (a right checksum does not make 13 a month),
/// then the check character.
pub fn citizen_id_problem(id: &str) -> Option<IdProblem> {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let bytes = id.as_bytes();
    let (Some(body), Some(&check)) = (bytes.get(..17), bytes.get(17)) else { return Some(IdProblem::Format) };
    if bytes.len() != 18
        || !body.iter().all(u8::is_ascii_digit)
        || !(check.is_ascii_digit() || check == b'X' || check == b'x')
    {
        return Some(IdProblem::Format);
    }
    if id.get(6..14).and_then(crate::strict_date::compact_ymd).is_none() {
        return Some(IdProblem::BirthDate);
    }
    let sum: u32 = body.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    (CHECK.get((sum % 11) as usize) != Some(&check.to_ascii_uppercase())).then_some(IdProblem::Checksum)
}

/// Whether `id` is a citizen ID number: 17 digits, a check character, and a real birth date.
pub fn is_valid_citizen_id(id: &str) -> bool {
    citizen_id_problem(id).is_none()
}

/// What is wrong with `code` as a unified social credit code (GB 32100), or `None`.
pub fn credit_code_problem(code: &str) -> Option<IdProblem> {
    const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    let value = |c: &u8| ALPHABET.iter().position(|a| a == c).map(|p| p as u32);
    let bytes = code.as_bytes();
    let (Some((check, body)), 18) = (bytes.split_last(), bytes.len()) else { return Some(IdProblem::Format) };
    // Summed as read: no list of the values (its allocation was most of this check's time).
    let mut sum = 0;
    for (c, w) in body.iter().zip(WEIGHTS) {
        let Some(v) = value(c) else { return Some(IdProblem::Format) };
        sum += v * w;
    }
    let Some(check) = value(check) else { return Some(IdProblem::Format) };
    (check != (31 - sum % 31) % 31).then_some(IdProblem::Checksum)
}

/// A unified social credit code whose checksum holds (GB 32100-2015's own example), for
/// requests the change impact generates.
#[cfg(feature = "cedar")]
pub(crate) const SAMPLE_CREDIT_CODE: &str = "91110000600037341L";

/// Whether `code` is a unified social credit code with a correct check character.
pub fn is_valid_credit_code(code: &str) -> bool {
    credit_code_problem(code).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citizen_ids() {
        assert!(is_valid_citizen_id("11010519491231002X"));
        assert!(is_valid_citizen_id("11010519491231002x"));
        assert!(is_valid_citizen_id("360426199101010071"));
        assert!(!is_valid_citizen_id("360426199101010072"), "wrong check digit");
        assert!(!is_valid_citizen_id("360426199102300070"), "30 February");
        assert!(!is_valid_citizen_id("36042619910101007"), "too short");
        assert!(!is_valid_citizen_id("３６０426199101010071"), "full-width digits");
    }

    #[test]
    fn a_citizen_id_says_what_is_wrong() {
        // 1991-13-01 with the check digit its 17 digits give: only the date is wrong.
        assert_eq!(citizen_id_problem("360426199113010079"), Some(IdProblem::BirthDate));
        assert_eq!(citizen_id_problem("360426199101010072"), Some(IdProblem::Checksum));
        assert_eq!(citizen_id_problem("36042619910101007"), Some(IdProblem::Format));
        assert_eq!(citizen_id_problem("36042619910101007Y"), Some(IdProblem::Format));
        assert_eq!(citizen_id_problem("360426199101010071"), None);
        assert_eq!(credit_code_problem("91110000600037341M"), Some(IdProblem::Checksum));
        assert_eq!(credit_code_problem("9111000060003734"), Some(IdProblem::Format));
        assert_eq!(credit_code_problem("91110000600037341L0"), Some(IdProblem::Format), "19 characters");
        assert_eq!(credit_code_problem("9I110000600037341L"), Some(IdProblem::Format), "I in the body");
        assert_eq!(credit_code_problem("91110000600037341l"), Some(IdProblem::Format), "lower case");
        assert_eq!(credit_code_problem("91110000600037341L"), None);
    }

    #[test]
    fn credit_codes() {
        assert!(is_valid_credit_code("91110000600037341L"));
        assert!(!is_valid_credit_code("91110000600037341M"));
        assert!(!is_valid_credit_code("91110000600037341I"), "I is not in the alphabet");
        assert!(!is_valid_credit_code("915101007130000000"));
    }
}
