package billing

import "testing"

// FuzzParsePercent: a rate typed by an administrator never panics, and one
// accepted reads back the same from its formatted form.
func FuzzParsePercent(f *testing.F) {
	for _, s := range []string{"16", "0.5", "0.05%", "-0.1", "1000", "1.2345", "", "-", "."} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, negative bool) {
		v, err := ParsePercent(s, negative)
		if err != nil {
			return
		}
		if back, err := ParsePercent(FormatPercent(v), negative); err != nil || back != v {
			t.Fatalf("ParsePercent(%q) = %d, but %q reads as %d, %v", s, v, FormatPercent(v), back, err)
		}
	})
}
