package shebao

import (
	"strings"
	"testing"
	"time"
)

func TestParseYuan(t *testing.T) {
	for _, c := range []struct {
		in     string
		want   Fen
		reason string
	}{
		{"8000", 800000, ""},
		{"8,000.5", 800050, ""},
		{"¥8000.05", 800005, ""},
		{"￥ 0.01", 1, ""},
		{"8，000", 800000, ""},
		{" 12 ", 1200, ""},
		{"0", 0, ""},
		{"", 0, ReasonAmountEmpty},
		{"-5", 0, ReasonAmountZero},
		{"8000.123", 0, ReasonAmountMalformed},
		{"8000.", 0, ReasonAmountMalformed},
		{"1e5", 0, ReasonAmountMalformed},
		{"８０００．５", 800050, ""},
		{"－8000", 0, ReasonAmountZero},
		{"100000000.00", MaxFen, ""},
		{"100000000.01", 0, ReasonAmountTooLarge},
		{"9999999999999", 0, ReasonAmountTooLarge},
	} {
		got, err := ParseYuan(c.in)
		if c.reason != "" {
			if AsError(err).Reason != c.reason {
				t.Errorf("ParseYuan(%q) error = %v, want %s", c.in, err, c.reason)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}

func TestFenString(t *testing.T) {
	for f, want := range map[Fen]string{0: "¥0.00", 5: "¥0.05", 123456: "¥1,234.56", -100: "-¥1.00", 100000000: "¥1,000,000.00"} {
		if got := f.String(); got != want {
			t.Errorf("Fen(%d) = %q, want %q", int64(f), got, want)
		}
	}
}

func TestDatesAndPeriods(t *testing.T) {
	d := NewDate(2024, 2, 28)
	if d.AddDays(1) != NewDate(2024, 2, 29) || d.AddDays(2) != NewDate(2024, 3, 1) || NewDate(2025, 12, 31).AddDays(1) != NewDate(2026, 1, 1) {
		t.Error("AddDays crosses leap days and years wrongly")
	}
	if !NewDate(2024, 2, 29).Valid() || NewDate(2025, 2, 29).Valid() || NewDate(2025, 13, 1).Valid() {
		t.Error("Valid accepts an impossible day or refuses a leap day")
	}
	if n := NewDate(2026, 1, 31).DaysUntil(NewDate(2026, 3, 1)); n != 29 {
		t.Errorf("DaysUntil = %d, want 29", n)
	}
	p := NewPeriod(2026, 12)
	if p.Next() != 202701 || NewPeriod(2026, 1).Prev() != 202512 || p.AddMonths(-24) != 202412 || NewPeriod(2025, 11).MonthsUntil(p) != 13 {
		t.Error("period arithmetic is wrong across years")
	}
	if NewPeriod(2024, 2).LastDay() != NewDate(2024, 2, 29) {
		t.Error("LastDay of February 2024")
	}
	// 23:30 UTC on 7 July is already 8 July in the office.
	if got := DateOf(time.Date(2026, 7, 7, 23, 30, 0, 0, time.UTC)); got != NewDate(2026, 7, 8) {
		t.Errorf("DateOf = %s, want 2026-07-08 (Asia/Shanghai)", got)
	}
	if got, err := ParsePeriod("2026-07"); err != nil || got != 202607 {
		t.Errorf("ParsePeriod = %v %v", got, err)
	}
	if _, err := ParseDate("2026-02-30"); AsError(err).Reason != ReasonDateMalformed {
		t.Errorf("ParseDate(2026-02-30) = %v, want malformed", err)
	}
}

func TestFixedDayClockKeepsTheDay(t *testing.T) {
	c := FixedDayClock{Day: NewDate(2026, 7, 16)}
	if Today(c) != NewDate(2026, 7, 16) {
		t.Errorf("Today = %s", Today(c))
	}
}

func TestMaskIDNumber(t *testing.T) {
	if got := MaskIDNumber("11010519491231002X"); got != "110105********002X" {
		t.Errorf("MaskIDNumber = %q", got)
	}
	if got := MaskIDNumber(""); got != "—" {
		t.Errorf("no number masked as %q", got)
	}
	if got := MaskIDNumber("123"); got != "****" {
		t.Errorf("short number masked as %q", got)
	}
}

func TestSameName(t *testing.T) {
	if !SameName("买买提.艾力", "买买提·艾力") || !SameName(" 张 三 ", "张三") || SameName("张三", "张山") {
		t.Error("SameName")
	}
}

func TestMaskIDNumberAnyLength(t *testing.T) {
	if got := MaskIDNumber("11010519491231002X99999"); got != "110105********9999" {
		t.Errorf("a 23-character number masked as %q", got)
	}
	if got := MaskIDNumber("张三李四王五赵六钱七孙八"); got != "张三李四王五**钱七孙八" {
		t.Errorf("characters masked as %q", got)
	}
}

func FuzzMaskIDNumber(f *testing.F) {
	for _, s := range []string{"", "123", "11010519491231002X", "11010519491231002X99999", "张三\xff\xfe1234567890"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		m := []rune(MaskIDNumber(id))
		r := []rune(id)
		if len(m) > 18 || (len(r) >= 10 && string(m[6:len(m)-4]) != strings.Repeat("*", len(m)-10)) {
			t.Errorf("MaskIDNumber(%q) = %q", id, string(m))
		}
	})
}
