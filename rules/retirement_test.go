package rules

import (
	"testing"

	"shebao"
)

// TestStatutoryAgeCohorts checks every cohort boundary of the three groups.
// Rows marked "official" are rows of the comparison tables of the 2024
// decision (渐进式延迟法定退休年龄对照表) as reproduced in public test data
// and pages (see the package report); the others follow from art. 1 of the
// 办法: one month of delay per 4 (or 2) months of birth, the first cohort
// delayed one month, up to 36 (or 60) months.
func TestStatutoryAgeCohorts(t *testing.T) {
	tests := []struct {
		name  string
		birth shebao.Date
		group RetirementGroup
		delay int
		month shebao.Period // StatutoryMonth
	}{
		// Men, 60 → 63 from January 1965, 1 month per 4 months of birth.
		{"men: official 1963-12", 19631215, GroupMale60, 0, 202312},
		{"men: last undelayed", 19641231, GroupMale60, 0, 202412},
		{"men: first delayed, official", 19650101, GroupMale60, 1, 202502},
		{"men: end of step 1", 19650430, GroupMale60, 1, 202505},
		{"men: step 2", 19650501, GroupMale60, 2, 202507},
		{"men: end of step 2", 19650831, GroupMale60, 2, 202510},
		{"men: step 3", 19650901, GroupMale60, 3, 202512},
		{"men: official 1965-12", 19651210, GroupMale60, 3, 202603},
		{"men: step 4", 19660101, GroupMale60, 4, 202605},
		{"men: before the cap", 19760831, GroupMale60, 35, 203907},
		{"men: cap cohort", 19760901, GroupMale60, 36, 203909},
		{"men: after the cap", 19761001, GroupMale60, 36, 203910},
		{"men: official 1995-12", 19951201, GroupMale60, 36, 205812},
		{"men: official 2000-12", 20001201, GroupMale60, 36, 206312},
		// Women (55) → 58 from January 1970, 1 month per 4 months of birth.
		{"women55: official 1963-04", 19630401, GroupFemale55, 0, 201804},
		{"women55: last undelayed", 19691231, GroupFemale55, 0, 202412},
		{"women55: first delayed", 19700101, GroupFemale55, 1, 202502},
		{"women55: end of step 1", 19700430, GroupFemale55, 1, 202505},
		{"women55: step 2", 19700501, GroupFemale55, 2, 202507},
		{"women55: official 1971-04", 19710401, GroupFemale55, 4, 202608},
		{"women55: before the cap", 19810831, GroupFemale55, 35, 203907},
		{"women55: cap cohort", 19810901, GroupFemale55, 36, 203909},
		{"women55: after the cap", 19811001, GroupFemale55, 36, 203910},
		{"women55: official 2000-12", 20001201, GroupFemale55, 36, 205812},
		// Women (50) → 55 from January 1975, 1 month per 2 months of birth.
		{"women50: last undelayed", 19741231, GroupFemale50, 0, 202412},
		{"women50: first delayed", 19750101, GroupFemale50, 1, 202502},
		{"women50: end of step 1", 19750228, GroupFemale50, 1, 202503},
		{"women50: step 2", 19750301, GroupFemale50, 2, 202505},
		{"women50: step 3", 19750501, GroupFemale50, 3, 202508},
		{"women50: before the cap", 19841031, GroupFemale50, 59, 203909},
		{"women50: cap cohort, official", 19841101, GroupFemale50, 60, 203911},
		{"women50: after the cap", 19841201, GroupFemale50, 60, 203912},
		{"women50: official 1995-12", 19951201, GroupFemale50, 60, 205012},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig, delay := StatutoryAge(tt.birth, tt.group)
			wantOrig := map[RetirementGroup]int{GroupMale60: 720, GroupFemale55: 660, GroupFemale50: 600}[tt.group]
			if orig != wantOrig || delay != tt.delay {
				t.Fatalf("StatutoryAge(%v, %s) = %d, %d; want %d, %d", tt.birth, tt.group, orig, delay, wantOrig, tt.delay)
			}
			if got := tt.birth.Period().AddMonths(orig + delay); got != tt.month {
				t.Errorf("statutory month = %v, want %v", got, tt.month)
			}
		})
	}
}

// TestStatutoryAgeMonotone checks over every birth month 1960–2010 that the
// delay never falls, rises by at most one month from one birth month to the
// next, and stays within the cap.
func TestStatutoryAgeMonotone(t *testing.T) {
	for _, g := range []RetirementGroup{GroupMale60, GroupFemale55, GroupFemale50} {
		prev := 0
		for p := shebao.Period(196001); p <= 201012; p = p.Next() {
			_, d := StatutoryAge(p.FirstDay(), g)
			if d < prev || d > prev+1 || d > 60 || (g != GroupFemale50 && d > 36) {
				t.Fatalf("%s born %v: delay %d after %d", g, p, d, prev)
			}
			prev = d
		}
	}
	if o, d := StatutoryAge(19700101, "nobody"); o != 0 || d != 0 {
		t.Errorf("unknown group = %d, %d", o, d)
	}
}

func TestMinContributionMonths(t *testing.T) {
	want := map[int]int{
		2025: 180, 2029: 180, 2030: 186, 2031: 192, 2032: 198, 2033: 204, 2034: 210,
		2035: 216, 2036: 222, 2037: 228, 2038: 234, 2039: 240, 2040: 240, 2060: 240,
	}
	for year, months := range want {
		if got := MinContributionMonths(year); got != months {
			t.Errorf("MinContributionMonths(%d) = %d, want %d", year, got, months)
		}
	}
}

func TestGroupOf(t *testing.T) {
	tests := []struct {
		sex   shebao.Sex
		post  shebao.PostCategory
		want  RetirementGroup
		field string
	}{
		{shebao.Male, shebao.PostNone, GroupMale60, ""},
		{shebao.Male, shebao.PostWorker, GroupMale60, ""},
		{shebao.Female, shebao.PostCadre, GroupFemale55, ""},
		{shebao.Female, shebao.PostWorker, GroupFemale50, ""},
		{shebao.Female, shebao.PostNone, "", "post_category"},
		{shebao.Female, "pilot", "", "post_category"},
		{"", shebao.PostCadre, "", "sex"},
	}
	for _, tt := range tests {
		g, err := GroupOf(tt.sex, tt.post)
		if tt.field != "" {
			wantInvalid(t, err, tt.field, shebao.ReasonRequired)
			continue
		}
		if err != nil || g != tt.want {
			t.Errorf("GroupOf(%q, %q) = %q, %v; want %q", tt.sex, tt.post, g, err, tt.want)
		}
	}
}
