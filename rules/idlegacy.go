package rules

import (
	"strings"

	"shebao"
)

// UpgradeIDNumber converts a legacy 15-digit resident ID number (the format
// before GB 11643-1999: 6-digit region, birth date YYMMDD, 3-digit
// sequence) to the 18-character number it became: "19" is inserted before
// the two-digit birth year and the MOD 11-2 check character is appended
// (docs/RULES.md#identifiers). The result is checked as ParseIDNumber
// checks an 18-character number, and its Legacy holds the 15 digits given.
// Errors are shebao.Invalid for field "id_number": ReasonIDChars (not 15
// digits), ReasonIDRegion, ReasonIDBirthDate, ReasonIDBirthFuture.
func UpgradeIDNumber(s string, today shebao.Date) (IDNumber, error) {
	s = strings.TrimSpace(s)
	if len(s) != 15 || !allASCIIDigits(s) {
		return IDNumber{}, shebao.Invalid(idField, shebao.ReasonIDChars)
	}
	first17 := s[:6] + "19" + s[6:]
	id, err := ParseIDNumber(first17+string(IDCheckChar(first17)), today)
	if err != nil {
		return IDNumber{}, err
	}
	id.Legacy = s
	return id, nil
}

// IsLegacyIDNumber reports whether s (surrounding spaces aside) has the
// shape of a legacy 15-digit ID number.
func IsLegacyIDNumber(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) == 15 && allASCIIDigits(s)
}

// ParseIDNumberAt parses an ID number typed on channel ch. At the counter
// a legacy 15-digit number is taken, converted by UpgradeIDNumber (the
// clerk has the person's papers before them); on any other channel it is
// refused with ReasonIDLegacy, which sends the person to the counter. Any
// other number is ParseIDNumber's.
func ParseIDNumberAt(s string, ch shebao.Channel, today shebao.Date) (IDNumber, error) {
	if ch == shebao.Counter && IsLegacyIDNumber(s) {
		return UpgradeIDNumber(s, today)
	}
	return ParseIDNumber(s, today)
}
