package shebao

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz targets for every function that parses or compares what a person
// typed: none may panic, and what they accept reads back the same.

func FuzzParseYuan(f *testing.F) {
	for _, s := range []string{"8000", "8,000.5", "¥8000.50", "-1", "1e3", "１２３", "99999999999999999999", ".5", "0.005"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseYuan(s)
		if err != nil {
			return
		}
		if v < 0 || v > MaxFen {
			t.Fatalf("ParseYuan(%q) = %d, out of range", s, v)
		}
		if back, err := ParseYuan(v.Yuan()); err != nil || back != v {
			t.Fatalf("ParseYuan(%q) = %d, but %q reads as %d, %v", s, v, v.Yuan(), back, err)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-07-01", "20260701", "2026-02-30", "0000-00-00", "9999-12-31", "2026-7-1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if back, err := ParseDate(d.String()); err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %v, but %q reads as %v, %v", s, d, d.String(), back, err)
		}
	})
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2026-07", "202607", "2026-13", "0000-00", "9999-12", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			return
		}
		if !p.Valid() {
			t.Fatalf("ParsePeriod(%q) = %d, not a valid period", s, p)
		}
		if back, err := ParsePeriod(p.String()); err != nil || back != p {
			t.Fatalf("ParsePeriod(%q) = %v, but %q reads as %v, %v", s, p, p.String(), back, err)
		}
	})
}

func FuzzSameName(f *testing.F) {
	f.Add("买买提.艾力", "买买提·艾力")
	f.Add(" 张 三 ", "张三")
	f.Add("\xff", "\xfe")
	f.Fuzz(func(t *testing.T, a, b string) {
		if SameName(a, b) != SameName(b, a) {
			t.Fatalf("SameName(%q, %q) is not symmetric", a, b)
		}
		if !SameName(a, a) {
			t.Fatalf("SameName(%q, itself) = false", a)
		}
	})
}

func FuzzCheckText(f *testing.F) {
	for _, s := range []string{"张三", "a\x00b", "\x1b[31m", "\u202eabc", "line\nbreak", "\xff", "tab\there"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		err := CheckText("name", s, multiline)
		clean := CleanText(s, multiline)
		if CheckText("name", clean, multiline) != nil {
			t.Fatalf("CleanText(%q) = %q, which CheckText refuses", s, clean)
		}
		if err == nil && clean != s {
			t.Fatalf("CheckText accepts %q but CleanText changes it to %q", s, clean)
		}
		if err == nil && (!utf8.ValidString(s) || strings.ContainsAny(s, "\x00\x1b\a\u202e") ||
			!multiline && strings.ContainsAny(s, "\r\n")) {
			t.Fatalf("CheckText accepts %q", s)
		}
	})
}
