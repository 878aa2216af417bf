package batch

import (
	"strings"
	"testing"
	"unicode/utf8"

	"shebao"
	"shebao/declaration"
	"shebao/rules"
)

var today = shebao.NewDate(2026, 7, 8)

func TestExactDecimal(t *testing.T) {
	cases := map[string]string{
		"8000":                "8000",
		"8000.5":              "8000.5",
		"4494.3000000000002":  "4494.3",
		"4494.2999999999993":  "4494.3",
		"9999.9999999999991":  "10000",
		"1.2E+4":              "12000",
		"1.25e3":              "1250",
		"5E-1":                "0.5",
		"0.1":                 "0.1",
		"007":                 "7",
		"8,000.00":            "8,000.00", // text: ParseYuan judges it
		"abc":                 "abc",
		"-5":                  "-5",
		"1e99":                "1e99",
		"123456789012345678":  "123456789012346000",
		"0.30000000000000004": "0.3",
	}
	for in, want := range cases {
		if got := exactDecimal(in); got != want {
			t.Errorf("exactDecimal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseRow(t *testing.T) {
	id := "11010519900101" + "123"
	id += string(rules.IDCheckChar(id))
	cases := []struct {
		cells  []string
		kind   shebao.BatchKind
		reason string
		wage   shebao.Fen
	}{
		{[]string{id, "张三", "新参保", "8000"}, shebao.BatchEnroll, "", 800000},
		{[]string{" " + strings.ToLower(id) + "\u3000", "张三", "续保", "¥8,000.50"}, shebao.BatchEnroll, "", 800050},
		{[]string{id, "张三", "新参保", "4494.3000000000002"}, shebao.BatchEnroll, "", 449430},
		{[]string{id, "张三", "新参保", "0"}, shebao.BatchEnroll, shebao.ReasonAmountZero, 0},
		{[]string{id, "张三", "新参保"}, shebao.BatchEnroll, shebao.ReasonAmountEmpty, 0},
		{[]string{"", "张三", "新参保", "1"}, shebao.BatchEnroll, shebao.ReasonRequired, 0},
		{[]string{"1.10105199001011E+17", "张三", "新参保", "1"}, shebao.BatchEnroll, ReasonIDAsNumber, 0},
		{[]string{id, "张三", "", "1"}, shebao.BatchEnroll, shebao.ReasonRequired, 0},
		{[]string{id, "", "辞职"}, shebao.BatchStop, "", 0},
		{[]string{id, "", "resignation"}, shebao.BatchStop, "", 0},
		{[]string{id, "", "不干了"}, shebao.BatchStop, ReasonUnknownStop, 0},
		{[]string{id, "", ""}, shebao.BatchStop, shebao.ReasonRequired, 0},
		{[]string{id, "张三", "9000"}, shebao.BatchDeclare, "", 900000},
		{[]string{id, "张三", "4494.3000000000002"}, shebao.BatchDeclare, "", 449430},
		{[]string{id, "张三", "8,500.50"}, shebao.BatchDeclare, "", 850050},
		{[]string{id, "张三", "-9000"}, shebao.BatchDeclare, declaration.ReasonAmountNegative, 0},
		{[]string{id, "张三", "0"}, shebao.BatchDeclare, shebao.ReasonAmountZero, 0},
		{[]string{id, "张三", "八千"}, shebao.BatchDeclare, shebao.ReasonAmountMalformed, 0},
		{[]string{id, "张三", ""}, shebao.BatchDeclare, shebao.ReasonAmountEmpty, 0},
	}
	for _, c := range cases {
		r := ParseRow(c.kind, 2, c.cells, shebao.Online, today)
		if r.Reason != c.reason || r.Wage != c.wage {
			t.Errorf("ParseRow(%q) = %s %s %d, want %q %d", c.cells, r.Outcome, r.Reason, r.Wage, c.reason, c.wage)
		}
		if c.reason == "" && (r.Outcome != shebao.RowOK || r.IDNumber != id) {
			t.Errorf("ParseRow(%q) = %+v", c.cells, r)
		}
	}
}

// FuzzParseBatchRow feeds the row parser arbitrary cells: it must never
// panic, a row it passes must be a well-formed request, and a row it
// refuses must say why.
func FuzzParseBatchRow(f *testing.F) {
	id := "11010519900101123"
	id += string(rules.IDCheckChar(id))
	seeds := [][5]string{
		{"enroll", id, "张三", "新参保", "8000"},
		{"enroll", id, "张三", "续保", "8,000.50"},
		{"enroll", id, "张三", "新参保", "4494.3000000000002"},
		{"enroll", id, "张三", "新参保", "1.2E+4"},
		{"enroll", "110105900101123", "张三", "新参保", "8000"},
		{"enroll", "1.10105199001011E+17", "", "新参保", "8000"},
		{"enroll", id, "", "新增", "八千"},
		{"enroll", id, "", "新参保", "-1"},
		{"enroll", id, "", "新参保", "99999999999999999999"},
		{"stop", id, "", "辞职", ""},
		{"stop", id, "", "transfer", ""},
		{"stop", "\xff\xfe", "", "\u3000", ""},
		{"declare", id, "张三", "9000", ""},
		{"declare", id, "张三", "-1", ""},
		{"declare", id, "张三", "1.2E+4", ""},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2], s[3], s[4])
	}
	f.Fuzz(func(t *testing.T, kind, idn, name, third, fourth string) {
		k := shebao.BatchEnroll
		if kind == "stop" || kind == "declare" {
			k = shebao.BatchKind(kind)
		}
		r := ParseRow(k, 7, []string{idn, name, third, fourth}, shebao.Counter, today)
		if r.Row != 7 {
			t.Fatalf("row number %d", r.Row)
		}
		switch r.Outcome {
		case shebao.RowOK:
			if _, err := rules.ParseIDNumber(r.IDNumber, today); err != nil || len(r.IDNumber) != 18 {
				t.Fatalf("passed a bad ID number %q", r.IDNumber)
			}
			if k == shebao.BatchEnroll && (r.Wage <= 0 || r.Wage > shebao.MaxFen || (r.Type != shebao.ItemEnroll && r.Type != shebao.ItemResume)) {
				t.Fatalf("passed %+v", r)
			}
			if k == shebao.BatchStop && (r.Type != shebao.ItemStop || !validStop(r.StopReason)) {
				t.Fatalf("passed %+v", r)
			}
			if k == shebao.BatchDeclare && (r.Wage <= 0 || r.Wage > shebao.MaxFen || r.Type != shebao.ItemDeclare) {
				t.Fatalf("passed %+v", r)
			}
		case shebao.RowMalformed:
			if r.Reason == "" {
				t.Fatalf("malformed without a reason: %+v", r)
			}
		default:
			t.Fatalf("outcome %q", r.Outcome)
		}
		if !utf8.ValidString(r.Name) {
			t.Fatalf("invalid UTF-8 name %q", r.Name)
		}
	})
}
