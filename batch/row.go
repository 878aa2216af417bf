package batch

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"shebao"
	"shebao/declaration"
	"shebao/rules"
)

// maxCell bounds the characters of a cell the parser reads.
const maxCell = 64

// ParseRow reads one data row of a kind's template on channel ch (the
// uploader's, shebao.ChannelFor): cells holds the raw values (numbers as
// written in the file) in the order of Headers(k). The ID number is read as
// on that channel's forms (rules.ParseIDNumberAt): a legacy 15-digit number
// is converted in a clerk's batch (LegacyID keeps it) and sent to the
// counter (ID_LEGACY) in an operator's.
// It returns the row as a request (Outcome RowOK), or Outcome RowMalformed
// with the column at fault and the reason. It checks the form of each cell
// (ID number with its check character, wage exactly in yuan, coded values);
// business rules are the engine's and are not looked at here.
func ParseRow(k shebao.BatchKind, row int, cells []string, ch shebao.Channel, today shebao.Date) shebao.BatchRow {
	headers := Headers(k)
	get := func(i int) string {
		if i < len(cells) {
			return clean(cells[i])
		}
		return ""
	}
	r := shebao.BatchRow{Row: row, IDNumber: get(0), Name: get(1)}
	for i, h := range headers {
		if utf8.RuneCountInString(get(i)) > maxCell {
			r.IDNumber, r.Name = shebao.CleanText(r.IDNumber, false), shebao.CleanText(r.Name, false)
			return malformed(r, h, ReasonCellTooLong, strconv.Itoa(maxCell))
		}
		if err := shebao.CheckText(h, get(i), false); err != nil {
			r.IDNumber, r.Name = shebao.CleanText(r.IDNumber, false), shebao.CleanText(r.Name, false)
			e := shebao.AsError(err)
			return malformed(r, h, e.Reason, e.Args...)
		}
	}
	if r.IDNumber == "" {
		return malformed(r, HeaderIDNumber, shebao.ReasonRequired)
	}
	if looksLikeFloat(r.IDNumber) {
		return malformed(r, HeaderIDNumber, ReasonIDAsNumber)
	}
	id, err := rules.ParseIDNumberAt(r.IDNumber, ch, today)
	if err != nil {
		e := shebao.AsError(err)
		return malformed(r, HeaderIDNumber, e.Reason, e.Args...)
	}
	r.IDNumber, r.LegacyID = id.Number, id.Legacy
	switch k {
	case shebao.BatchStop:
		return parseStop(r, get(2))
	case shebao.BatchDeclare:
		return parseDeclare(r, get(2))
	}
	return parseEnroll(r, get(2), get(3))
}

// parseDeclare reads a declaration row's wage with declaration.ParseWage:
// its form only; the year's ceiling is the declaration check's.
func parseDeclare(r shebao.BatchRow, wage string) shebao.BatchRow {
	r.Type = shebao.ItemDeclare
	if wage == "" {
		return malformed(r, HeaderDeclaredWage, shebao.ReasonAmountEmpty)
	}
	w, err := declaration.ParseWage(exactDecimal(wage), 0)
	if err != nil {
		e := shebao.AsError(err)
		return malformed(r, HeaderDeclaredWage, e.Reason, e.Args...)
	}
	r.Wage = w
	r.Outcome = shebao.RowOK
	return r
}

func parseStop(r shebao.BatchRow, reason string) shebao.BatchRow {
	r.Type = shebao.ItemStop
	if reason == "" {
		return malformed(r, HeaderStopReason, shebao.ReasonRequired)
	}
	sr, ok := stopNames[reason]
	if !ok {
		sr = shebao.StopReason(strings.ToLower(reason))
		if !validStop(sr) {
			return malformed(r, HeaderStopReason, ReasonUnknownStop, reason, strings.Join(StopValues, "、"))
		}
	}
	r.StopReason = sr
	r.Outcome = shebao.RowOK
	return r
}

func validStop(s shebao.StopReason) bool {
	for _, v := range shebao.StopReasons {
		if v == s {
			return true
		}
	}
	return false
}

func parseEnroll(r shebao.BatchRow, typ, wage string) shebao.BatchRow {
	if typ == "" {
		return malformed(r, HeaderType, shebao.ReasonRequired)
	}
	t, ok := typeNames[strings.ToLower(typ)]
	if !ok {
		return malformed(r, HeaderType, ReasonUnknownType, typ, strings.Join(TypeValues, "、"))
	}
	r.Type = t
	if wage == "" {
		return malformed(r, HeaderWage, shebao.ReasonAmountEmpty)
	}
	w, err := shebao.ParseYuan(exactDecimal(wage))
	if err != nil {
		e := shebao.AsError(err)
		return malformed(r, HeaderWage, e.Reason, e.Args...)
	}
	if w == 0 {
		return malformed(r, HeaderWage, shebao.ReasonAmountZero)
	}
	r.Wage = w
	r.Outcome = shebao.RowOK
	return r
}

func malformed(r shebao.BatchRow, column, reason string, args ...string) shebao.BatchRow {
	r.Outcome, r.Column, r.Reason, r.Args = shebao.RowMalformed, column, reason, args
	return r
}

// clean trims spaces, full-width spaces and invisible characters that
// spreadsheets carry around a value, and drops invalid UTF-8.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000' || r == '\u00a0' ||
			r == '\u200b' || r == '\ufeff'
	})
}

// looksLikeFloat reports whether an ID-number cell holds what a number cell
// becomes: a decimal point or an exponent (1.10105199001011E+17).
func looksLikeFloat(s string) bool {
	return strings.ContainsAny(s, ".eE+") && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r == '.' || r == 'e' || r == 'E' || r == '+' || r == '-')
	}) < 0
}

// maxDigits is the precision of a number cell: Excel shows 15 significant
// digits, and a binary double may be written with 17 (4494.3 as
// 4494.3000000000002).
const maxDigits = 15

// exactDecimal rewrites the value of a number cell as the decimal a person
// typed, without floating point: an exponent is shifted into place and a
// value written with more than 15 significant digits is rounded to 15
// (half up), then trailing zeros of the fraction are dropped. Text that is
// not such a plain number is returned unchanged for shebao.ParseYuan to
// judge.
func exactDecimal(s string) string {
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil || e > 20 || e < -20 {
			return s
		}
		mant, exp = s[:i], e
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	if digits == "" || !allDigits(digits) {
		return s
	}
	point := len(intPart) + exp // position of the decimal point in digits
	lead := len(digits) - len(strings.TrimLeft(digits, "0"))
	if sig := len(digits) - lead; sig > maxDigits {
		digits = roundDigits(digits, lead+maxDigits)
		if len(digits) > len(intPart+frac) { // a carry made a new leading digit
			point++
		}
	}
	for point <= 0 {
		digits, point = "0"+digits, point+1
	}
	for len(digits) < point {
		digits += "0"
	}
	out, f := digits[:point], strings.TrimRight(digits[point:], "0")
	out = strings.TrimLeft(out, "0")
	if out == "" {
		out = "0"
	}
	if f != "" {
		out += "." + f
	}
	return out
}

// roundDigits keeps the first n digits of a digit string, rounding half up,
// and pads with zeros to the original length (one longer on a carry out).
func roundDigits(d string, n int) string {
	b := []byte(d[:n])
	if d[n] >= '5' {
		i := n - 1
		for ; i >= 0; i-- {
			if b[i] < '9' {
				b[i]++
				break
			}
			b[i] = '0'
		}
		if i < 0 {
			b = append([]byte{'1'}, b...)
		}
	}
	return string(b) + strings.Repeat("0", len(d)-n)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
