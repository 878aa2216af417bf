package sqldb

import (
	"slices"
	"testing"

	"shebao"
)

// The live bill's coverages come aggregated in no order: parseCoverageBases
// puts each person's in coverage id order (shebao.PeriodPerson), after what
// out already holds, and refuses a column that is not triples.
func TestParseCoverageBases(t *testing.T) {
	keep := shebao.CoverageBase{CoverageID: 99, Insurance: shebao.Injury, Base: 1}
	got, err := parseCoverageBases([]shebao.CoverageBase{keep}, []byte("12 pension 800000 3 medical 700000 7 pension 650000"))
	want := []shebao.CoverageBase{keep, {CoverageID: 3, Insurance: shebao.Medical, Base: 700_000},
		{CoverageID: 7, Insurance: shebao.Pension, Base: 650_000}, {CoverageID: 12, Insurance: shebao.Pension, Base: 800_000}}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("got %v, %v; want %v", got, err, want)
	}
	for _, bad := range []string{"12 pension", "12 pension 800000 3", "x pension 1", "1 pension y", "1  pension 2"} {
		if _, err := parseCoverageBases(nil, []byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
