package rules

import (
	"testing"

	"shebao"
)

// TestStepEnds adds the last birth month of a delay step that
// TestStatutoryAgeCohorts does not list, for the two women's groups.
func TestStepEnds(t *testing.T) {
	tests := []struct {
		birth shebao.Date
		group RetirementGroup
		delay int
	}{
		{19700831, GroupFemale55, 2}, // end of step 2
		{19700901, GroupFemale55, 3}, // step 3
		{19750430, GroupFemale50, 2}, // end of step 2
		{19841130, GroupFemale50, 60},
		{19760831, GroupMale60, 35},
	}
	for _, tt := range tests {
		if _, d := StatutoryAge(tt.birth, tt.group); d != tt.delay {
			t.Errorf("StatutoryAge(%v, %s) delay = %d, want %d", tt.birth, tt.group, d, tt.delay)
		}
	}
}

// TestReviewMinimumByRetirementYear checks that ReviewRetirement applies
// the minimum of the year of the statutory month, across the years in
// which it changes: 2029 (15 years) to 2030, and 2038 to 2039 (20 years).
func TestReviewMinimumByRetirementYear(t *testing.T) {
	tests := []struct {
		birth     shebao.Date
		statutory shebao.Period
		min       int
	}{
		{19681215, 202912, 180}, // last month at 15 years
		{19690115, 203002, 186}, // first year of the rise
		{19750815, 203804, 234},
		{19760815, 203907, 240}, // 20 years reached
	}
	for _, tt := range tests {
		r, err := ReviewRetirement(tt.birth, shebao.Male, "", 0, testToday)
		if err != nil {
			t.Fatal(err)
		}
		if r.StatutoryMonth != tt.statutory || r.MinMonths != tt.min {
			t.Errorf("born %v: statutory %v minimum %d, want %v %d", tt.birth, r.StatutoryMonth, r.MinMonths, tt.statutory, tt.min)
		}
	}
}
