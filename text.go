package shebao

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reasons of free text refused by CheckText.
const (
	ReasonTextEncoding = "TEXT_ENCODING" // not valid UTF-8
	ReasonTextControl  = "TEXT_CONTROL"  // args: the character, as U+XXXX
)

// CheckText is the one rule for free text typed by a person or read from a
// file (names, contacts, addresses, remarks, search terms, usernames, keys):
// valid UTF-8 without control characters. Refused are the C0 and C1
// controls (NUL, BEL, ESC, DEL, …), the bidirectional overrides, embeddings
// and isolates (which make a name read backwards on screen), and line
// breaks (CR, LF, and U+2028/2029) unless multiline; a tab is allowed only
// in multiline text. The error is EINVALID for field, with ReasonTextEncoding
// or ReasonTextControl. PostgreSQL refuses NUL and invalid UTF-8 (SQLSTATE
// 22021), SQLite would store them: checking first keeps both alike.
func CheckText(field, s string, multiline bool) error {
	if !utf8.ValidString(s) {
		return Invalid(field, ReasonTextEncoding)
	}
	for _, r := range s {
		if !TextRune(r, multiline) {
			return Invalid(field, ReasonTextControl, runeName(r))
		}
	}
	return nil
}

// TextRune reports whether r may stand in free text (see CheckText).
func TextRune(r rune, multiline bool) bool {
	switch {
	case r == '\n' || r == '\r' || r == '\t' || r == '\u2028' || r == '\u2029':
		return multiline
	case r < 0x20 || (r >= 0x7f && r <= 0x9f):
		return false
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f', r == '\u061c':
		return false // bidirectional marks, embeddings, overrides and isolates
	case r == '\ufeff', unicode.Is(unicode.Noncharacter_Code_Point, r):
		return false
	}
	return true
}

// CleanText returns s without what CheckText refuses (invalid bytes and
// control characters), for keeping a refused value beside its refusal.
func CleanText(s string, multiline bool) string {
	return strings.Map(func(r rune) rune {
		if !TextRune(r, multiline) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// runeName writes a character as U+XXXX, for a message.
func runeName(r rune) string {
	const hex = "0123456789ABCDEF"
	b := []byte("U+")
	digits := 4
	if r > 0xffff {
		digits = 6
	}
	for i := digits - 1; i >= 0; i-- {
		b = append(b, hex[(r>>(4*uint(i)))&0xf])
	}
	return string(b)
}
