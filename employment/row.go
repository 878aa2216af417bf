package employment

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"shebao"
	"shebao/rules"
)

// Column keys: the fields of a registration row, as named in rejects, in
// the API's JSON, and in i18n ("employment.col.<key>").
const (
	ColSourceID     = "source_id"
	ColIDNumber     = "id_number"
	ColName         = "name"
	ColCreditCode   = "credit_code"
	ColStart        = "start"
	ColRegisteredOn = "registered_on"
	ColEnd          = "end"
)

// Columns lists the column keys in the order of the employment service's
// files; every one but ColEnd is required.
var Columns = []string{ColSourceID, ColIDNumber, ColName, ColCreditCode, ColStart, ColRegisteredOn, ColEnd}

// headers maps the header texts a file may use to column keys: the
// employment service's Chinese headers, and the keys themselves.
var headers = map[string]string{
	"备案编号":     ColSourceID,
	"身份证号码":    ColIDNumber,
	"身份证号":     ColIDNumber,
	"公民身份号码":   ColIDNumber,
	"姓名":       ColName,
	"统一社会信用代码": ColCreditCode,
	"用工开始日期":   ColStart,
	"备案日期":     ColRegisteredOn,
	"用工终止日期":   ColEnd,
}

// HeaderOf returns the Chinese header of a column key, as the employment
// service's files write it.
func HeaderOf(col string) string {
	for h, c := range headers {
		if c == col && h != "身份证号" && h != "公民身份号码" {
			return h
		}
	}
	return col
}

// maxSourceID and maxName bound a row's texts.
const (
	maxSourceID = 64
	maxName     = 64
)

// Record is one registration row as read, before it is checked: the cells
// of a file's row, or one element of a push.
type Record struct {
	Row          int // the file's row number (header is 1), or the push's index + 1
	SourceID     string
	IDNumber     string
	Name         string
	CreditCode   string
	Start        string
	RegisteredOn string
	End          string // optional
}

// Entry is a registration row that passed every check of its own: what is
// left to check needs the database (the unit, the stored registration).
type Entry struct {
	Row          int
	SourceID     string
	ID           rules.IDNumber
	Name         string
	CreditCode   string
	Start        shebao.Date
	RegisteredOn shebao.Date
	End          shebao.Date // zero while employed
}

// ParseRegistrationRow checks one row and returns it as an Entry, or the
// reason it is rejected, naming the column at fault. today bounds the
// registration date (a registration cannot be made in the future) and
// the birth date of the ID number.
func ParseRegistrationRow(rec Record, ch shebao.Channel, today shebao.Date) (Entry, *shebao.ImportReject) {
	e := Entry{Row: rec.Row, SourceID: clean(rec.SourceID), Name: clean(rec.Name)}
	reject := func(field, reason string, args ...string) (Entry, *shebao.ImportReject) {
		return Entry{}, &shebao.ImportReject{Row: rec.Row, SourceID: e.SourceID, Field: field, Reason: reason, Args: args}
	}
	switch {
	case e.SourceID == "":
		return reject(ColSourceID, shebao.ReasonRequired)
	case utf8.RuneCountInString(e.SourceID) > maxSourceID:
		e.SourceID = ""
		return reject(ColSourceID, shebao.ReasonTooLong, strconv.Itoa(maxSourceID))
	case !printable(e.SourceID):
		e.SourceID = ""
		return reject(ColSourceID, ReasonSourceIDChars)
	}
	if clean(rec.IDNumber) == "" {
		return reject(ColIDNumber, shebao.ReasonRequired)
	}
	id, err := rules.ParseIDNumberAt(clean(rec.IDNumber), ch, today)
	if err != nil {
		e := shebao.AsError(err)
		return reject(ColIDNumber, e.Reason, e.Args...)
	}
	e.ID = id
	switch {
	case e.Name == "":
		return reject(ColName, shebao.ReasonRequired)
	case utf8.RuneCountInString(e.Name) > maxName:
		return reject(ColName, shebao.ReasonTooLong, strconv.Itoa(maxName))
	case !printable(e.Name):
		return reject(ColName, ReasonNameChars)
	}
	if clean(rec.CreditCode) == "" {
		return reject(ColCreditCode, shebao.ReasonRequired)
	}
	if e.CreditCode, err = rules.CreditCodeForLookup(clean(rec.CreditCode)); err != nil {
		e := shebao.AsError(err)
		return reject(ColCreditCode, e.Reason, e.Args...)
	}
	dates := []struct {
		col      string
		text     string
		dst      *shebao.Date
		optional bool
	}{
		{ColStart, rec.Start, &e.Start, false},
		{ColRegisteredOn, rec.RegisteredOn, &e.RegisteredOn, false},
		{ColEnd, rec.End, &e.End, true},
	}
	for _, d := range dates {
		text := clean(d.text)
		if text == "" {
			if d.optional {
				continue
			}
			return reject(d.col, shebao.ReasonRequired)
		}
		v, ok := ParseDate(text)
		if !ok {
			return reject(d.col, shebao.ReasonDateMalformed)
		}
		*d.dst = v
	}
	if e.RegisteredOn > today {
		return reject(ColRegisteredOn, ReasonRegisteredLater, today.String())
	}
	if !e.End.IsZero() && e.End < e.Start {
		return reject(ColEnd, ReasonEndBeforeStart, e.Start.String())
	}
	return e, nil
}

// clean trims spaces, the ideographic space and a byte-order mark, and
// drops invalid UTF-8.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' })
}

// printable reports whether s has no control or format characters.
func printable(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

// excelEpoch is day 0 of spreadsheet date serial numbers (the 1900 date
// system, counting its fictitious 1900-02-29, so valid from serial 61 on).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// ParseDate reads a date cell: 2006-01-02, 20060102, 2006/1/2, 2006.1.2,
// 2006年1月2日, or a spreadsheet serial number (46204, or 46204.5 with a time
// of day), as .xlsx files store dates. It reports false for anything else
// and for days that do not exist.
func ParseDate(s string) (shebao.Date, bool) {
	s = clean(s)
	if whole, frac, _ := strings.Cut(s, "."); len(whole) >= 2 && len(whole) <= 5 && allDigits(whole) && (frac == "" || allDigits(frac)) {
		n, _ := strconv.Atoi(whole)
		if n < 61 {
			return 0, false
		}
		t := excelEpoch.AddDate(0, 0, n)
		d := shebao.NewDate(t.Year(), t.Month(), t.Day())
		return d, d.Valid()
	}
	s = strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-", ".", "-").Replace(s)
	for _, layout := range []string{"2006-1-2", "20060102"} {
		if t, err := time.Parse(layout, s); err == nil {
			d := shebao.NewDate(t.Year(), t.Month(), t.Day())
			if d.Valid() {
				return d, true
			}
		}
	}
	return 0, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
