package rules

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"shebao"
)

// creditChars is the character set of GB 32100-2015 in value order: a
// character's value is its index (no I, O, S, V, Z).
const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are the GB 32100-2015 weights 3^i mod 31 over the first 17
// characters.
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// orgWeights are the GB 11714-1997 weights over the 8-character body of an
// organisation code.
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// creditField is the form field that credit-code errors name.
const creditField = "credit_code"

// CreditCodeForLookup normalises a credit code typed to find a unit that is
// already on the office's register: it checks the length and the character
// set but not the check characters, so that a registered unit whose code is
// one of the known anomalies (see ParseCreditCode) can still be found. When
// no unit has the code, callers should report ParseCreditCode's error, which
// says what is wrong with it.
func CreditCodeForLookup(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if n := utf8.RuneCountInString(s); n != 18 {
		return "", shebao.Invalid(creditField, shebao.ReasonCreditLength, strconv.Itoa(n))
	}
	for _, r := range s {
		if r >= utf8.RuneSelf || strings.IndexByte(creditChars, byte(r)) < 0 {
			return "", shebao.Invalid(creditField, shebao.ReasonCreditChars, string(r))
		}
	}
	return s, nil
}

// ParseCreditCode checks and normalises a unified social credit code
// (统一社会信用代码, GB 32100-2015) typed by a person: it trims surrounding
// spaces and upper-cases. Errors are shebao.Invalid for field "credit_code",
// in the order checked:
//   - ReasonCreditLength: not 18 characters (arg: the number found);
//   - ReasonCreditChars: a character outside 0-9 A-H J-N P-R T U W-Y
//     (arg: the first bad character);
//   - ReasonCreditCheck: the 18th character is not the check character
//     (arg: the expected character);
//   - ReasonCreditOrgCheck: the organisation code embedded in characters
//     9–17 fails its own GB 11714 check digit.
//
// The second check catches no typing error the first one misses (MOD 31
// catches every single substitution and adjacent transposition), so it only
// rejects codes that were built wrong. It is enforced because every real code
// we could find in public material satisfies it: the GB 32100 standard's own
// example 91350100M000100Y43 and the codes of Huawei, Tencent, Alibaba,
// Xiaomi, Baidu, SAIC Motor, East China Normal University, a public
// institution (12…) and an individual business (92…) (see
// creditcode_test.go). One real anomaly is known the other way round: some
// Xiamen codes issued before 2016 fail the GB 32100 check itself (hutool
// issue #4119, 91350203M0001QKT19) while their organisation code is right;
// ParseCreditCode rejects those with ReasonCreditCheck, as the standard
// requires; an administrator who has checked the business licence can still
// register such a unit (admin.UnitInput.LicenceChecked), and lookups of
// registered units use CreditCodeForLookup.
func ParseCreditCode(s string) (string, error) {
	s, err := CreditCodeForLookup(s)
	if err != nil {
		return "", err
	}
	if want, _ := CreditCheckChar(s[:17]); s[17] != want {
		return "", shebao.Invalid(creditField, shebao.ReasonCreditCheck, string(want))
	}
	if want, _ := orgCheckChar(s[8:16]); s[16] != want {
		return "", shebao.Invalid(creditField, shebao.ReasonCreditOrgCheck)
	}
	return s, nil
}

// CreditCheckChar returns the GB 32100-2015 check character for the first 17
// characters of a credit code: the character whose value is
// (31 − Σ value×weight mod 31) mod 31. It reports false when first17 is not
// 17 characters of the code's character set.
func CreditCheckChar(first17 string) (byte, bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditChars, first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * creditWeights[i]
	}
	return creditChars[(31-sum%31)%31], true
}

// orgCheckChar returns the GB 11714-1997 check character of an organisation
// code's 8-character body: 11 − (Σ value×weight mod 11), where digits are
// worth themselves and letters A=10 … Z=35; 10 is written X and 11 is 0.
func orgCheckChar(body8 string) (byte, bool) {
	if len(body8) != 8 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		c := body8[i]
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		default:
			return 0, false
		}
		sum += v * orgWeights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X', true
	case 11:
		return '0', true
	default:
		return byte('0' + c), true
	}
}

// MakeCreditCode completes a credit code from its first 16 characters
// (registration authority, organisation type, 6-digit region, 8-character
// organisation body) by appending the organisation code's check character
// and the code's check character. It reports false when first16 is not 16
// characters of the code's character set. Test-data generators use it.
func MakeCreditCode(first16 string) (string, bool) {
	if len(first16) != 16 {
		return "", false
	}
	org, ok := orgCheckChar(first16[8:])
	if !ok || strings.IndexByte(creditChars, org) < 0 {
		return "", false
	}
	check, ok := CreditCheckChar(first16 + string(org))
	if !ok {
		return "", false
	}
	return first16 + string(org) + string(check), true
}
