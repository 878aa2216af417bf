package shebao

import (
	"strconv"
	"strings"
)

// Fen is an amount of money in fen (分), the smallest unit of the yuan.
// All money in shebao is integer fen; floats never hold money.
type Fen int64

// Yuan returns f as a decimal yuan string with two places, e.g. "1234.50".
func (f Fen) Yuan() string {
	sign := ""
	v := int64(f)
	if v < 0 {
		sign, v = "-", -v
	}
	return sign + strconv.FormatInt(v/100, 10) + "." + twoDigits(v%100)
}

// String formats f for people: "¥1,234.50".
func (f Fen) String() string {
	s := f.Yuan()
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + "¥" + b.String() + "." + frac
}

func twoDigits(v int64) string {
	if v < 10 {
		return "0" + strconv.FormatInt(v, 10)
	}
	return strconv.FormatInt(v, 10)
}

// MaxFen bounds every amount a person can type: ¥100,000,000.00.
const MaxFen Fen = 100_000_000_00

// ParseYuan reads an amount typed in yuan ("8000", "8,000.5", "¥8000.50")
// exactly, without floating point. It rejects negative numbers, more than two
// decimal places, and amounts above MaxFen.
func ParseYuan(s string) (Fen, error) {
	s = strings.TrimSpace(s)
	s = fullWidth.Replace(strings.TrimSpace(s))
	s = strings.TrimSpace(strings.TrimPrefix(s, "¥"))
	s = strings.ReplaceAll(s, ",", "")
	if strings.HasPrefix(s, "-") {
		return 0, Invalid("", ReasonAmountZero)
	}
	if s == "" {
		return 0, Invalid("", ReasonAmountEmpty)
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || !allDigits(intPart) || (hasDot && (!allDigits(frac) || len(frac) > 2 || frac == "")) {
		return 0, Invalid("", ReasonAmountMalformed)
	}
	if len(intPart) > 12 {
		return 0, Invalid("", ReasonAmountTooLarge)
	}
	yuan, _ := strconv.ParseInt(intPart, 10, 64)
	for len(frac) < 2 {
		frac += "0"
	}
	cents, _ := strconv.ParseInt(frac, 10, 64)
	f := Fen(yuan*100 + cents)
	if f > MaxFen {
		return 0, Invalid("", ReasonAmountTooLarge)
	}
	return f, nil
}

// fullWidth maps the full-width forms an IME types (８０００．５０, ￥, ，)
// to ASCII, so that they parse like the half-width ones.
var fullWidth = strings.NewReplacer("０", "0", "１", "1", "２", "2", "３", "3", "４", "4", "５", "5",
	"６", "6", "７", "7", "８", "8", "９", "9", "．", ".", "，", ",", "￥", "¥", "－", "-", "　", " ")

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
