package api

import (
	"net/http"

	"shebao"
	"shebao/retirement"
)

// retirementRequest is the body of POST /api/v1/retirement/review.
type retirementRequest struct {
	IDNumber  string `json:"id_number"`
	ClientKey string `json:"client_key"`
}

// retirementJSON is a retirement pre-review (退休预审): the item it was
// recorded as, and the answer.
type retirementJSON struct {
	Item              itemJSON `json:"item"`
	Group             string   `json:"group"`
	OriginalAge       int      `json:"original_age_years"`
	StatutoryAge      int      `json:"statutory_age_months"`
	DelayMonths       int      `json:"delay_months"`
	StatutoryMonth    string   `json:"statutory_month"`
	OriginalMonth     string   `json:"original_month"`
	Reached           bool     `json:"reached"`
	MinMonths         int      `json:"min_months"`
	ContributedMonths int      `json:"contributed_months"`
	Through           string   `json:"contributed_through"`
	ProjectedMonths   int      `json:"projected_months"`
	Eligible          bool     `json:"eligible"`
	ShortMonths       int      `json:"short_months"`
	EarliestElastic   string   `json:"earliest_elastic"`
	LatestElastic     string   `json:"latest_elastic"`
}

// retirementReview pre-reviews a person's retirement, as the page POST
// /retirement does: operators only.
func (s *server) retirementReview(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	if err := onlyOperators(a); err != nil {
		return err
	}
	var body retirementRequest
	if err := decodeJSON(w, r, &body); err != nil {
		return err
	}
	key, err := clientKey(r, body.ClientKey)
	if err != nil {
		return err
	}
	res, err := s.svc.Retirement.Review(r.Context(), a, retirement.Request{IDNumber: body.IDNumber, ClientKey: key})
	if err != nil {
		return err
	}
	rv := res.Review
	s.writeJSON(w, r, http.StatusOK, retirementJSON{
		Item: itemOf(res.Item, langOf(r)), Group: string(rv.Group), OriginalAge: rv.OriginalAge,
		StatutoryAge: rv.StatutoryAge, DelayMonths: rv.Delay, StatutoryMonth: rv.StatutoryMonth.String(),
		OriginalMonth: res.OriginalMonth.String(), Reached: res.Reached, MinMonths: rv.MinMonths,
		ContributedMonths: rv.ContributedMonths, Through: res.Through.String(), ProjectedMonths: rv.ProjectedMonths,
		Eligible: rv.Eligible, ShortMonths: rv.ShortMonths, EarliestElastic: rv.EarliestElastic.String(),
		LatestElastic: rv.LatestElastic.String(),
	})
	return nil
}
