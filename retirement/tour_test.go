package retirement_test

import (
	"testing"

	"shebao"
	"shebao/catalogue"
	"shebao/demo/demotest"
	"shebao/retirement"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestDemoTourCases checks what the README's tour promises: the demo's man
// near 60 is short of the minimum, and its woman without a post category is
// asked for it.
func TestDemoTourCases(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := demotest.Load(t, db)
		s := &retirement.Service{Store: db, Clock: f.Clock}
		res, err := s.Review(t.Context(), f.OpA, retirement.Request{IDNumber: f.Guide.RetirementShort})
		if err != nil {
			t.Fatal(err)
		}
		r := res.Review
		if r.Eligible || r.ShortMonths <= 0 || r.ProjectedMonths+r.ShortMonths != r.MinMonths {
			t.Errorf("short case: eligible %v, short %d, projected %d, minimum %d", r.Eligible, r.ShortMonths, r.ProjectedMonths, r.MinMonths)
		}
		_, err = s.Review(t.Context(), f.OpA, retirement.Request{IDNumber: f.Guide.RetirementNoPost})
		if e := shebao.AsError(err); e.Reason != catalogue.ReasonPostCategory {
			t.Errorf("no post category: %v, want %s", err, catalogue.ReasonPostCategory)
		}
	})
}
