package rules

import (
	"errors"
	"strings"
	"testing"

	"shebao"
)

func TestIDCheckChar(t *testing.T) {
	tests := []struct {
		first17 string
		want    byte
	}{
		// The example of GB 11643-1999 (a woman born 1949-12-31 in Beijing's
		// Chaoyang district): weighted sum 167, 167 mod 11 = 2 → X.
		{"11010519491231002", 'X'},
		{"44052419800101001", '3'}, // weighted sum 196, mod 11 = 9 → 3
		{"00000000000000000", '1'}, // sum 0 → 1
		{"1101051949123100", 0},    // 16 digits
		{"1101051949123100a", 0},
	}
	for _, tt := range tests {
		if got := IDCheckChar(tt.first17); got != tt.want {
			t.Errorf("IDCheckChar(%q) = %q, want %q", tt.first17, got, tt.want)
		}
	}
}

// TestIDCheckCharEveryRemainder builds a number for each weighted-sum
// remainder 0..10 and checks the MOD 11-2 mapping 1 0 X 9 8 7 6 5 4 3 2.
func TestIDCheckCharEveryRemainder(t *testing.T) {
	const mapping = "10X98765432"
	seen := map[int]bool{}
	for seq := 0; seq < 1000 && len(seen) < 11; seq++ {
		first17 := "11010519900101" + pad3(seq)
		sum := 0
		for i := range 17 {
			sum += int(first17[i]-'0') * idWeights[i]
		}
		seen[sum%11] = true
		if got := IDCheckChar(first17); got != mapping[sum%11] {
			t.Fatalf("IDCheckChar(%q) = %q, want %q", first17, got, mapping[sum%11])
		}
	}
	if len(seen) != 11 {
		t.Fatalf("only remainders %v covered", seen)
	}
}

func pad3(n int) string {
	return string([]byte{byte('0' + n/100), byte('0' + n/10%10), byte('0' + n%10)})
}

func TestParseIDNumberValid(t *testing.T) {
	tests := []struct {
		name, in string
		want     IDNumber
	}{
		{"GB 11643 example", "11010519491231002X",
			IDNumber{"11010519491231002X", "110105", 19491231, shebao.Female, ""}},
		{"lower-case x", "11010519491231002x",
			IDNumber{"11010519491231002X", "110105", 19491231, shebao.Female, ""}},
		{"spaces around", "  11010519491231002X\t",
			IDNumber{"11010519491231002X", "110105", 19491231, shebao.Female, ""}},
		{"male, odd 17th digit", makeID(t, "44030519850615123"),
			IDNumber{makeID(t, "44030519850615123"), "440305", 19850615, shebao.Male, ""}},
		{"Feb 29 in a leap year", makeID(t, "32010220000229002"),
			IDNumber{makeID(t, "32010220000229002"), "320102", 20000229, shebao.Female, ""}},
		{"born 1900-01-01", makeID(t, "65010219000101001"),
			IDNumber{makeID(t, "65010219000101001"), "650102", 19000101, shebao.Male, ""}},
		{"born today", makeID(t, "82000020260708002"),
			IDNumber{makeID(t, "82000020260708002"), "820000", 20260708, shebao.Female, ""}},
		{"Taiwan code 71", makeID(t, "71000019700101003"),
			IDNumber{makeID(t, "71000019700101003"), "710000", 19700101, shebao.Male, ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseIDNumber(tt.in, testToday)
			if err != nil {
				t.Fatalf("ParseIDNumber(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseIDNumber(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseIDNumberInvalid(t *testing.T) {
	tests := []struct {
		name, in, reason string
		args             []string
	}{
		{"legacy 15 digits", "110105491231002", shebao.ReasonIDLegacy, nil},
		{"empty", "", shebao.ReasonIDLength, []string{"0"}},
		{"17 chars", "11010519491231002", shebao.ReasonIDLength, []string{"17"}},
		{"19 chars", "11010519491231002X1", shebao.ReasonIDLength, []string{"19"}},
		{"15 chars not all digits", "11010549123100X", shebao.ReasonIDLength, []string{"15"}},
		{"runes not bytes", "１１０１０５１９４９１２３１００２Ｘ", shebao.ReasonIDChars, nil},
		{"18 runes with a multibyte one", "1101051949123100二X", shebao.ReasonIDChars, nil},
		{"letter inside", "1101051949A231002X", shebao.ReasonIDChars, nil},
		{"X not last", "X10105194912310021", shebao.ReasonIDChars, nil},
		{"inner space", "110105 94912310021", shebao.ReasonIDChars, nil},
		{"region 00", makeID(t, "00010519491231002"), shebao.ReasonIDRegion, nil},
		{"region 16", makeID(t, "16010519491231002"), shebao.ReasonIDRegion, nil},
		{"region 91", makeID(t, "91010519491231002"), shebao.ReasonIDRegion, nil},
		{"Feb 29 in a non-leap year", makeID(t, "32010220010229002"), shebao.ReasonIDBirthDate, nil},
		{"Feb 29 1900 (not leap)", makeID(t, "32010219000229002"), shebao.ReasonIDBirthDate, nil},
		{"month 13", makeID(t, "32010219901301002"), shebao.ReasonIDBirthDate, nil},
		{"day 00", makeID(t, "32010219900100002"), shebao.ReasonIDBirthDate, nil},
		{"Feb 30", makeID(t, "32010219900230002"), shebao.ReasonIDBirthDate, nil},
		{"before 1900", makeID(t, "32010218991231002"), shebao.ReasonIDBirthTooEarly, nil},
		{"year 0001", makeID(t, "32010200010101002"), shebao.ReasonIDBirthTooEarly, nil},
		{"tomorrow", makeID(t, "32010220260709002"), shebao.ReasonIDBirthFuture, []string{"2026-07-09"}},
		{"far future", makeID(t, "32010299991231002"), shebao.ReasonIDBirthFuture, []string{"9999-12-31"}},
		{"wrong check", "110105194912310021", shebao.ReasonIDCheck, []string{"X"}},
		{"wrong check, want a digit", "44052419800101001X", shebao.ReasonIDCheck, []string{"3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseIDNumber(tt.in, testToday)
			e := wantInvalid(t, err, "id_number", tt.reason)
			if strings.Join(e.Args, ",") != strings.Join(tt.args, ",") {
				t.Errorf("args = %q, want %q", e.Args, tt.args)
			}
		})
	}
}

// FuzzParseIDNumber checks that ParseIDNumber never panics, that what it
// accepts is an 18-character number with a correct check character that
// parses again to the same value, and that what it rejects is EINVALID.
func FuzzParseIDNumber(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "11010519491231002x", "110105491231002", "", " 44052418800101001 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseIDNumber(s, testToday)
		if err != nil {
			var e *shebao.Error
			if !errors.As(err, &e) || e.Code != shebao.EINVALID || e.Field != "id_number" {
				t.Fatalf("ParseIDNumber(%q) error %v is not EINVALID for id_number", s, err)
			}
			return
		}
		n := id.Number
		if len(n) != 18 || IDCheckChar(n[:17]) != n[17] {
			t.Fatalf("ParseIDNumber(%q) accepted %q with a wrong check character", s, n)
		}
		if n != strings.ToUpper(strings.TrimSpace(s)) || id.Region != n[:6] {
			t.Fatalf("ParseIDNumber(%q) = %+v: not the normalised input", s, id)
		}
		if !id.Birth.Valid() || id.Birth > testToday || id.Birth < 19000101 {
			t.Fatalf("ParseIDNumber(%q): birth %v out of range", s, id.Birth)
		}
		again, err := ParseIDNumber(n, testToday)
		if err != nil || again != id {
			t.Fatalf("round trip of %q: %+v, %v; want %+v", n, again, err, id)
		}
	})
}
