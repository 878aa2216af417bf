package api

import (
	"net/http"
	"strconv"

	"shebao"
	"shebao/review"
)

// reviewQueueJSON is a page of the review queue, oldest first.
type reviewQueueJSON struct {
	Entries       []reviewEntryJSON `json:"entries"`
	Total         int               `json:"total"`
	TargetSeconds int64             `json:"target_seconds"`
	Limit         int               `json:"limit"`
	Offset        int               `json:"offset"`
}

// reviewEntryJSON is an item waiting for review: how long it has waited,
// and whether that is beyond the office's target.
type reviewEntryJSON struct {
	Item       itemJSON `json:"item"`
	AgeSeconds int64    `json:"age_seconds"`
	Late       bool     `json:"late"`
}

// reviewQueue lists the items in review, oldest first, as the page GET
// /review does: reviewers and admins only.
func (s *server) reviewQueue(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	if err := onlyRoles(a, shebao.RoleReviewer, shebao.RoleAdmin); err != nil {
		return err
	}
	limit, err := queryInt(r, "limit", defaultLimit, 1, maxLimit)
	if err != nil {
		return err
	}
	offset, err := queryInt(r, "offset", 0, 0, maxOffset)
	if err != nil {
		return err
	}
	typ := shebao.ItemType(r.URL.Query().Get("type"))
	q, err := s.svc.Review.List(r.Context(), a, typ, limit, offset)
	if err != nil {
		return err
	}
	out := reviewQueueJSON{Entries: []reviewEntryJSON{}, Total: q.Total,
		TargetSeconds: int64(q.Target.Seconds()), Limit: limit, Offset: offset}
	for _, e := range q.Entries {
		out.Entries = append(out.Entries, reviewEntryJSON{Item: itemOf(e.Item, langOf(r)),
			AgeSeconds: int64(e.Age.Seconds()), Late: e.Late})
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// decisionRequest is the body of POST /api/v1/review/{id}/decision.
type decisionRequest struct {
	Approve *bool  `json:"approve"`
	Reason  string `json:"reason"`
}

// reviewDecide approves or returns an item in review, as the page POST
// /review/{id} does, and answers the item decided.
func (s *server) reviewDecide(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body decisionRequest
	if err := decodeJSON(w, r, &body); err != nil {
		return err
	}
	if body.Approve == nil {
		return invalid("approve", shebao.ReasonRequired)
	}
	it, err := s.svc.Review.Decide(r.Context(), a, review.Decision{ItemID: id, Approve: *body.Approve, Reason: body.Reason})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/items/"+strconv.FormatInt(it.ID, 10))
	s.writeJSON(w, r, http.StatusOK, itemOf(it, langOf(r)))
	return nil
}
