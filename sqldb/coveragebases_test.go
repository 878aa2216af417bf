package sqldb

import (
	"slices"
	"testing"

	"shebao"
)

// The live bill's coverages come aggregated in no order: parseCoverageBases
// puts each person's in coverage id order (shebao.PeriodPerson), after what
// out already holds, and refuses a column that is not such words.
func TestParseCoverageBases(t *testing.T) {
	keep := shebao.CoverageBase{CoverageID: 99, Insurance: shebao.Injury, Base: 1}
	got, err := parseCoverageBases([]shebao.CoverageBase{keep}, []byte("12pension800000 3medical700000 7pension650000"))
	want := []shebao.CoverageBase{keep, {CoverageID: 3, Insurance: shebao.Medical, Base: 700_000},
		{CoverageID: 7, Insurance: shebao.Pension, Base: 650_000}, {CoverageID: 12, Insurance: shebao.Pension, Base: 800_000}}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("got %v, %v; want %v", got, err, want)
	}
	for _, bad := range []string{"12pension", "12pension800000 3", "pension1", "1pension", "1pension2  3medical4", "1 pension 2", "12800000"} {
		if _, err := parseCoverageBases(nil, []byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
