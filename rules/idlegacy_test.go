package rules

import (
	"errors"
	"strings"
	"testing"

	"shebao"
)

func TestUpgradeIDNumber(t *testing.T) {
	tests := []struct {
		name, in, want, reason string
	}{
		// The example of GB 11643-1999: 110105 491231 002 was issued as a
		// 15-digit number; with "19" and its check character it is ...002X.
		{"standard example", "110105491231002", "11010519491231002X", ""},
		{"spaces around", " 440524800101001 ", "440524198001010013", ""},
		{"odd sequence is male", "110105491231003" /* sum 169, mod 11 = 4 → 8 */, "110105194912310038", ""},
		{"impossible birth date", "110105490230002", "", shebao.ReasonIDBirthDate},
		{"unknown province", "990105491231002", "", shebao.ReasonIDRegion},
		{"not digits", "11010549123100X", "", shebao.ReasonIDChars},
		{"18 characters", "11010519491231002X", "", shebao.ReasonIDChars},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := UpgradeIDNumber(tt.in, testToday)
			if tt.reason != "" {
				var e *shebao.Error
				if !errors.As(err, &e) || e.Reason != tt.reason || e.Field != "id_number" {
					t.Fatalf("UpgradeIDNumber(%q) = %+v, %v; want %s", tt.in, id, err, tt.reason)
				}
				return
			}
			if err != nil || id.Number != tt.want || id.Legacy != strings.TrimSpace(tt.in) {
				t.Fatalf("UpgradeIDNumber(%q) = %+v, %v; want %s", tt.in, id, err, tt.want)
			}
		})
	}
	if id, _ := UpgradeIDNumber("110105491231003", testToday); id.Sex != shebao.Male || id.Birth != 19491231 {
		t.Errorf("sex and birth of ...003: %+v", id)
	}
}

// TestParseIDNumberAt: a legacy number is converted at the counter only;
// self-service and online refuse it with ID_LEGACY (go to the counter).
func TestParseIDNumberAt(t *testing.T) {
	for _, ch := range []shebao.Channel{shebao.SelfService, shebao.Online} {
		_, err := ParseIDNumberAt("110105491231002", ch, testToday)
		if e := shebao.AsError(err); e.Reason != shebao.ReasonIDLegacy {
			t.Errorf("%s: %v, want ID_LEGACY", ch, err)
		}
	}
	id, err := ParseIDNumberAt("110105491231002", shebao.Counter, testToday)
	if err != nil || id.Number != "11010519491231002X" || id.Legacy != "110105491231002" {
		t.Fatalf("counter: %+v, %v", id, err)
	}
	id, err = ParseIDNumberAt("11010519491231002x", shebao.Counter, testToday)
	if err != nil || id.Number != "11010519491231002X" || id.Legacy != "" {
		t.Fatalf("counter, 18 digits: %+v, %v", id, err)
	}
}

// FuzzUpgradeIDNumber checks that UpgradeIDNumber never panics, rejects with
// EINVALID on id_number, and that what it accepts is the 15 digits with
// "19" inserted after the region and a check character ParseIDNumber takes.
func FuzzUpgradeIDNumber(f *testing.F) {
	for _, s := range []string{"110105491231002", " 440524800101001", "110105490230002", "", "11010519491231002X"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := UpgradeIDNumber(s, testToday)
		if err != nil {
			var e *shebao.Error
			if !errors.As(err, &e) || e.Code != shebao.EINVALID || e.Field != "id_number" {
				t.Fatalf("UpgradeIDNumber(%q) error %v is not EINVALID for id_number", s, err)
			}
			return
		}
		old := strings.TrimSpace(s)
		n := id.Number
		if id.Legacy != old || n[:6] != old[:6] || n[6:8] != "19" || n[8:17] != old[6:] {
			t.Fatalf("UpgradeIDNumber(%q) = %+v: not the standard conversion", s, id)
		}
		again, err := ParseIDNumber(n, testToday)
		if err != nil || again.Number != n || again.Birth != id.Birth || again.Sex != id.Sex {
			t.Fatalf("%q converts to %q, which ParseIDNumber reads as %+v, %v", s, n, again, err)
		}
	})
}
