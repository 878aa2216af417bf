package rules

import (
	"testing"

	"shebao"
)

func TestReviewRetirement(t *testing.T) {
	tests := []struct {
		name        string
		birth       shebao.Date
		sex         shebao.Sex
		post        shebao.PostCategory
		contributed int
		today       shebao.Date
		want        RetirementReview
	}{
		{"man born 1965-01, enough", 19650110, shebao.Male, "", 300, 20241201, RetirementReview{
			Group: GroupMale60, OriginalAge: 720, StatutoryAge: 721, Delay: 1,
			StatutoryMonth: 202502, MinMonths: 180, ContributedMonths: 300, ProjectedMonths: 302,
			Eligible: true, EarliestElastic: 202501, LatestElastic: 202802,
		}},
		{"man born 1970-01, short, retires 2031", 19700115, shebao.Male, "", 100, testToday, RetirementReview{
			Group: GroupMale60, OriginalAge: 720, StatutoryAge: 736, Delay: 16,
			StatutoryMonth: 203105, MinMonths: 192, ContributedMonths: 100, ProjectedMonths: 158,
			Eligible: false, ShortMonths: 34, LatestElastic: 203405,
		}},
		{"woman cadre born 1981-09, no early retirement without the minimum", 19810920, shebao.Female, shebao.PostCadre, 0, testToday,
			RetirementReview{
				Group: GroupFemale55, OriginalAge: 660, StatutoryAge: 696, Delay: 36,
				StatutoryMonth: 203909, MinMonths: 240, ContributedMonths: 0, ProjectedMonths: 158,
				Eligible: false, ShortMonths: 82, LatestElastic: 204209,
			}},
		{"woman worker born 1984-11, 3 years early allowed", 19841101, shebao.Female, shebao.PostWorker, 200, testToday,
			RetirementReview{
				Group: GroupFemale50, OriginalAge: 600, StatutoryAge: 660, Delay: 60,
				StatutoryMonth: 203911, MinMonths: 240, ContributedMonths: 200, ProjectedMonths: 360,
				Eligible: true, EarliestElastic: 203611, LatestElastic: 204211,
			}},
		{"woman worker born 1976-01, short at the statutory month", 19760101, shebao.Female, shebao.PostWorker, 150, testToday,
			RetirementReview{
				Group: GroupFemale50, OriginalAge: 600, StatutoryAge: 607, Delay: 7,
				StatutoryMonth: 202608, MinMonths: 180, ContributedMonths: 150, ProjectedMonths: 151,
				Eligible: false, ShortMonths: 29, LatestElastic: 202908,
			}},
		{"past the statutory month", 19600301, shebao.Male, "", 200, testToday, RetirementReview{
			Group: GroupMale60, OriginalAge: 720, StatutoryAge: 720, StatutoryMonth: 202003,
			MinMonths: 180, ContributedMonths: 200, ProjectedMonths: 200, Eligible: true,
			LatestElastic: 202303,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReviewRetirement(tt.birth, tt.sex, tt.post, tt.contributed, tt.today)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ReviewRetirement =\n %+v\nwant\n %+v", got, tt.want)
			}
		})
	}
}

// TestReviewRetirementEarliestByMinimum: a man born 1968-01 reaches his
// original age in 2028-01 and his statutory age (60 years 10 months) in
// 2028-11. With 170 months in July 2026 he reaches the minimum of 180 in May
// 2027, before his original age: the earliest elastic month is 2028-01.
func TestReviewRetirementEarliestByMinimum(t *testing.T) {
	r, err := ReviewRetirement(19680115, shebao.Male, "", 170, testToday)
	if err != nil {
		t.Fatal(err)
	}
	if r.StatutoryMonth != 202811 || r.EarliestElastic != 202801 {
		t.Errorf("statutory %v, earliest %v; want 2028-11, 2028-01", r.StatutoryMonth, r.EarliestElastic)
	}
	// With 160 months he reaches 180 in March 2028 (160 + 20).
	r, _ = ReviewRetirement(19680115, shebao.Male, "", 160, testToday)
	if r.EarliestElastic != 202803 || !r.Eligible {
		t.Errorf("with 160 months: earliest %v, want 2028-03", r.EarliestElastic)
	}
	// With 150 months he reaches 180 only in January 2029, after his
	// statutory month: no early retirement, 2 months short.
	r, _ = ReviewRetirement(19680115, shebao.Male, "", 150, testToday)
	if r.EarliestElastic != 0 || r.Eligible || r.ShortMonths != 180-(150+28) {
		t.Errorf("with 150 months: %+v", r)
	}
}

func TestReviewRetirementInvalid(t *testing.T) {
	tests := []struct {
		name          string
		birth         shebao.Date
		sex           shebao.Sex
		post          shebao.PostCategory
		contributed   int
		field, reason string
	}{
		{"impossible date", 19700230, shebao.Male, "", 0, "birth_date", shebao.ReasonDateMalformed},
		{"before 1900", 18991231, shebao.Male, "", 0, "birth_date", shebao.ReasonDateOutOfRange},
		{"after today", 20260709, shebao.Male, "", 0, "birth_date", shebao.ReasonDateOutOfRange},
		{"negative months", 19700101, shebao.Male, "", -1, "contributed_months", shebao.ReasonOutOfRange},
		{"woman without post", 19700101, shebao.Female, "", 0, "post_category", shebao.ReasonRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReviewRetirement(tt.birth, tt.sex, tt.post, tt.contributed, testToday)
			wantInvalid(t, err, tt.field, tt.reason)
		})
	}
}
