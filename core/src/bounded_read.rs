//! Reading input with a bound: at most the limit and one byte more is ever read, so a
//! stream of any size (a gigabyte on standard input, `/dev/zero`) costs no more than the
//! limit before it is refused; and text that is not UTF-8 is bad input, at its byte offset.

use std::io::Read;

use crate::error::{text, Error, Words};

/// A request.
pub const REQUEST: Words<'static> = Words::detail("请求", "the request");
/// A verdict (the server's `verify`).
pub const VERDICT: Words<'static> = Words::detail("结论", "the verdict");
/// A policy file.
pub const FILE: Words<'static> = Words::detail("文件", "the file");
/// A share's use (`status`).
pub const SHARE: Words<'static> = Words::detail("共享使用记录", "the share");

/// The error for input that is JSON but not an object (`what` names it: [`REQUEST`]).
pub fn not_object(what: Words<'_>) -> Error {
    Error::invalid("", text!(("{}必须是 JSON 对象", what.zh), ("{} must be a JSON object", what.en)))
}

/// Reads up to `limit + 1` bytes: the bytes, or the error saying the input is larger.
/// `what` names the input in messages ([`REQUEST`]).
pub fn read<R: Read>(reader: R, limit: usize, what: Words<'_>) -> std::io::Result<Result<Vec<u8>, Error>> {
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut bytes)?;
    Ok(match bytes.len() > limit {
        true => Err(too_large(what, limit)),
        false => Ok(bytes),
    })
}

/// The error for input of `size` bytes, more than `limit`.
pub fn larger_than(what: Words<'_>, size: u64, limit: usize) -> Error {
    Error::invalid(
        "",
        text!(
            ("{}有 {size} 字节，超过 {limit} 字节的上限", what.zh),
            ("{} has {size} bytes, more than the limit of {limit}", what.en)
        ),
    )
}

/// The error for input larger than `limit` bytes, its size not known.
pub fn too_large(what: Words<'_>, limit: usize) -> Error {
    Error::invalid(
        "",
        text!(("{}超过 {limit} 字节的上限", what.zh), ("{} has more than {limit} bytes, the limit", what.en)),
    )
}

/// The bytes as text, or an error naming the offset of the first byte that is not UTF-8.
pub fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        Error::invalid(
            "",
            text!(("不是 UTF-8 文本：偏移 {at} 处的字节无效"), ("not UTF-8 text: invalid byte at offset {at}")),
        )
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]

    use super::{read, utf8, REQUEST};

    /// An endless input that counts what is taken from it.
    struct Endless(usize);

    impl std::io::Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            buf.fill(b' ');
            self.0 += buf.len();
            Ok(buf.len())
        }
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit() {
        let mut endless = Endless(0);
        let over = read(&mut endless, 10, REQUEST).unwrap();
        assert!(over.is_err_and(|e| e.to_string().contains("more than 10 bytes")));
        assert_eq!(endless.0, 11);
        assert_eq!(read(&b"0123456789"[..], 10, REQUEST).unwrap().unwrap().len(), 10);
    }

    #[test]
    fn the_first_byte_that_is_not_utf8_is_named() {
        assert!(utf8("甘孜\u{0}".as_bytes()).is_ok());
        let bad = [b'{', b'"', 0xe7, 0x94, b'"', b'}'];
        assert!(utf8(&bad).is_err_and(|e| e.to_string().contains("offset 2")));
    }
}
