package api

import (
	"net/http"
	"strings"

	"shebao"
	"shebao/employment"
	"shebao/i18n"
)

// pushRegistrations takes registrations and terminations pushed by the
// employment system (POST /api/v1/employment/registrations): a JSON array
// of registrations, authenticated by the system's API key as a bearer
// token (not a login session). Rows that fail are rejected one by one in
// the report; the others are stored.
func (s *server) pushRegistrations(w http.ResponseWriter, r *http.Request, _ shebao.Actor) error {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") {
		token = ""
	}
	if err := s.svc.Employment.Authenticate(strings.TrimSpace(token)); err != nil {
		return err
	}
	var body []employment.RegistrationJSON
	if err := decodeJSON(w, r, &body); err != nil {
		return err
	}
	recs := make([]employment.Record, len(body))
	for i, b := range body {
		recs[i] = b.Record(i + 1)
	}
	rep, err := s.svc.Employment.Push(r.Context(), recs)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, importReportOf(rep, langOf(r)))
	return nil
}

// importReportJSON is what a push did.
type importReportJSON struct {
	ID        int64        `json:"id"`
	At        string       `json:"at"`
	Read      int          `json:"read"`
	Inserted  int          `json:"inserted"`
	Updated   int          `json:"updated"`
	Unchanged int          `json:"unchanged"`
	Rejected  int          `json:"rejected"`
	Rejects   []rejectJSON `json:"rejects"`
}

// rejectJSON is one registration a push did not take: its index + 1 in the
// array, the field at fault, and why.
type rejectJSON struct {
	Row      int    `json:"row"`
	SourceID string `json:"source_id"`
	Field    string `json:"field"`
	Reason   string `json:"reason"`
	Message  string `json:"message"`
}

func importReportOf(rep shebao.ImportReport, lang i18n.Lang) importReportJSON {
	out := importReportJSON{ID: rep.ID, At: timeJSON(rep.At), Read: rep.Read, Inserted: rep.Inserted,
		Updated: rep.Updated, Unchanged: rep.Unchanged, Rejected: rep.Rejected, Rejects: []rejectJSON{}}
	for _, x := range rep.Rejects {
		out.Rejects = append(out.Rejects, rejectJSON{Row: x.Row, SourceID: x.SourceID, Field: x.Field,
			Reason: x.Reason, Message: i18n.T(lang, "reason."+x.Reason, x.Args...)})
	}
	return out
}
