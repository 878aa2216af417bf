package rules

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"shebao"
)

// IDNumber is a parsed 18-character resident ID number (居民身份证号码,
// GB 11643-1999).
type IDNumber struct {
	Number string      // the normalised number: 18 characters, a final X upper-case
	Region string      // the 6-digit address code (GB/T 2260) of first registration
	Birth  shebao.Date // the birth date encoded in the number
	Sex    shebao.Sex  // from the 17th digit: odd is male, even is female
	// Legacy is the 15-digit number this one was converted from at the
	// counter (UpgradeIDNumber); empty for a number typed with 18.
	Legacy string
}

// idField is the form field that ID-number errors name.
const idField = "id_number"

// ParseIDNumber checks and normalises a resident ID number typed by a person.
// It trims surrounding spaces and accepts a lower-case x as the check
// character X. Errors are shebao.Invalid for field "id_number" with, in the
// order checked:
//   - ReasonIDLegacy: a 15-digit number of the old format, which
//     self-service and online business cannot take: it goes to the counter,
//     where ParseIDNumberAt converts it (docs/RULES.md#identifiers);
//   - ReasonIDLength: not 18 characters (arg: the number of characters found);
//   - ReasonIDChars: anything but digits and a final X;
//   - ReasonIDRegion: the first two digits are not a province-level code;
//   - ReasonIDBirthDate: the birth date is impossible (such as February 30);
//   - ReasonIDBirthTooEarly: the birth date is before 1900-01-01;
//   - ReasonIDBirthFuture: the birth date is after today (arg: the date);
//   - ReasonIDCheck: the ISO 7064 MOD 11-2 check character is wrong (arg: the
//     expected character).
func ParseIDNumber(s string, today shebao.Date) (IDNumber, error) {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	if n == 15 && allASCIIDigits(s) {
		return IDNumber{}, shebao.Invalid(idField, shebao.ReasonIDLegacy)
	}
	if n != 18 {
		return IDNumber{}, shebao.Invalid(idField, shebao.ReasonIDLength, strconv.Itoa(n))
	}
	if len(s) != 18 || !allASCIIDigits(s[:17]) || !isDigitOrX(s[17]) {
		return IDNumber{}, shebao.Invalid(idField, shebao.ReasonIDChars)
	}
	s = s[:17] + strings.ToUpper(s[17:])
	if !provinceCode(s[:2]) {
		return IDNumber{}, shebao.Invalid(idField, shebao.ReasonIDRegion)
	}
	birth, err := idBirth(s[6:14], today)
	if err != nil {
		return IDNumber{}, err
	}
	if want := IDCheckChar(s[:17]); s[17] != want {
		return IDNumber{}, shebao.Invalid(idField, shebao.ReasonIDCheck, string(want))
	}
	sex := shebao.Female
	if (s[16]-'0')%2 == 1 {
		sex = shebao.Male
	}
	return IDNumber{Number: s, Region: s[:6], Birth: birth, Sex: sex}, nil
}

// idBirth reads the YYYYMMDD birth date of an ID number. It returns an
// EINVALID error unless the date is a real day from 1900-01-01 through today.
func idBirth(yyyymmdd string, today shebao.Date) (shebao.Date, error) {
	v, err := strconv.Atoi(yyyymmdd)
	d := shebao.Date(v)
	y, m, dd := d.Parts()
	switch {
	case err != nil || !realDay(y, m, dd):
		return 0, shebao.Invalid(idField, shebao.ReasonIDBirthDate)
	case d < shebao.NewDate(1900, 1, 1):
		return 0, shebao.Invalid(idField, shebao.ReasonIDBirthTooEarly)
	case d > today:
		return 0, shebao.Invalid(idField, shebao.ReasonIDBirthFuture, d.String())
	}
	return d, nil
}

// realDay reports whether y-m-d names a day of the proleptic Gregorian
// calendar; unlike shebao.Date.Valid it takes any year, so that a well-formed
// date before 1900 is told apart from an impossible one.
func realDay(y int, m time.Month, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return t.Month() == m && t.Day() == d
}

// idWeights are the ISO 7064 MOD 11-2 weights 2^(17-i) mod 11 of GB 11643-1999
// over the first 17 digits.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCheckChars maps the weighted sum mod 11 to the check character.
const idCheckChars = "10X98765432"

// IDCheckChar returns the GB 11643-1999 check character (ISO 7064 MOD 11-2:
// '0'–'9' or 'X') for the first 17 digits of an ID number. It returns 0 when
// first17 is not 17 ASCII digits. Test-data generators use it to build valid
// numbers.
func IDCheckChar(first17 string) byte {
	if len(first17) != 17 || !allASCIIDigits(first17) {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// provinceCode reports whether the two digits are a province-level code of
// GB/T 2260: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 (Taiwan), 81 (Hong
// Kong), 82 (Macao).
func provinceCode(two string) bool {
	c, err := strconv.Atoi(two)
	if err != nil {
		return false
	}
	switch {
	case c >= 11 && c <= 15, c >= 21 && c <= 23, c >= 31 && c <= 37,
		c >= 41 && c <= 46, c >= 50 && c <= 54, c >= 61 && c <= 65,
		c == 71, c == 81, c == 82:
		return true
	}
	return false
}

func allASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isDigitOrX(c byte) bool { return c >= '0' && c <= '9' || c == 'X' || c == 'x' }
