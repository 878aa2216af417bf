package api

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"shebao"
)

// Paging bounds of the lists.
const (
	defaultLimit = 50
	maxLimit     = 200
	maxOffset    = 1_000_000
	maxQuery     = 100 // characters of a search
)

// itemStatuses lists the statuses a client may filter on.
var itemStatuses = []shebao.ItemStatus{shebao.StatusApproved, shebao.StatusRefused,
	shebao.StatusInReview, shebao.StatusReturned, shebao.StatusWithdrawn}

// listItems lists the items the caller may see, newest first: an operator
// sees the own unit's, staff every unit's or one unit's (unit_id).
func (s *server) listItems(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	f, err := itemFilterOf(r)
	if err != nil {
		return err
	}
	items, total, err := s.svc.Handling.Items(r.Context(), a, f)
	if err != nil {
		return err
	}
	out := itemListJSON{Items: make([]itemJSON, len(items)), Limit: f.Limit, Offset: f.Offset}
	out.Total, out.TotalCapped = shebao.CountOf(total, f.Offset)
	lang := langOf(r)
	for i, it := range items {
		out.Items[i] = itemOf(it, lang)
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// ReasonNotBoolean: a query flag that is neither true nor false.
const ReasonNotBoolean = "NOT_BOOLEAN"

// itemFilterOf reads the query of GET /api/v1/items.
func itemFilterOf(r *http.Request) (shebao.ItemFilter, error) {
	q := r.URL.Query()
	var f shebao.ItemFilter
	if v := q.Get("type"); v != "" {
		t, err := shebao.ParseItemType(v)
		if err != nil {
			return f, err
		}
		f.Type = t
	}
	if v := q.Get("status"); v != "" {
		f.Status = shebao.ItemStatus(v)
		if !knownStatus(f.Status) {
			return f, invalid("status", shebao.ReasonUnknownStatus, v)
		}
	}
	switch v := q.Get("late"); v {
	case "", "false":
	case "true":
		f.LateOnly = true
	default:
		return f, invalid("late", ReasonNotBoolean)
	}
	var err error
	if f.UnitID, err = queryUnit(r); err != nil {
		return f, err
	}
	if f.Limit, err = queryInt(r, "limit", defaultLimit, 1, maxLimit); err != nil {
		return f, err
	}
	f.Offset, err = queryInt(r, "offset", 0, 0, maxOffset)
	return f, err
}

func knownStatus(st shebao.ItemStatus) bool {
	for _, s := range itemStatuses {
		if s == st {
			return true
		}
	}
	return false
}

// queryUnit reads the optional unit_id query parameter (staff choose a
// unit with it; an operator's is always the own unit).
func queryUnit(r *http.Request) (int64, error) {
	v := r.URL.Query().Get("unit_id")
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, invalid("unit_id", ReasonJSONInteger)
	}
	return id, nil
}

// getItem returns one item by id. Another unit's item is not found.
func (s *server) getItem(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound}
	}
	it, err := s.svc.Handling.Item(r.Context(), a, id)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, itemOf(it, langOf(r)))
	return nil
}

// roster lists a unit's insured employees, filtered by q (a name, or part
// of an ID number). Staff name the unit with unit_id.
func (s *server) roster(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	unitID, err := queryUnit(r)
	if err != nil {
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
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > maxQuery {
		return invalid("q", shebao.ReasonTooLong, strconv.Itoa(maxQuery))
	}
	rows, total, err := s.svc.Handling.Roster(r.Context(), a, unitID, q, limit, offset)
	if err != nil {
		return err
	}
	out := rosterJSON{Entries: []rosterEntryJSON{}, Total: total, Limit: limit, Offset: offset}
	for _, e := range rows {
		out.Entries = append(out.Entries, rosterEntryOf(e))
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}
