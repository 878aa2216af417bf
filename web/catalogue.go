package web

import (
	"net/http"
	"strings"

	"shebao"
	"shebao/catalogue"
)

// onlyOperators answers 403 unless u is a unit's operator: the catalogue's
// pages are the unit's self-service; staff act for units at the counter.
func onlyOperators(u user) error {
	if u.Role != shebao.RoleOperator || u.UnitID == 0 {
		return forbidden()
	}
	return nil
}

// idStep is the first step of every catalogue form that names a person:
// "check this ID number". It tells at once whether the number can be
// handled here, before the operator types the rest of the form.
type idStep struct {
	Action   string // where the step's GET form goes
	IDNumber string // as typed
	Checked  bool   // a number was typed and checked
	Check    catalogue.IDCheck
	Message  string // the check's message, or a refusal about the person
	Bring    []string
}

// checkIDStep reads id_number from the query and checks it on u's channel
// (staff, at the counter, may type a legacy 15-digit number).
func (h *handler) checkIDStep(r *http.Request, u user, action string) idStep {
	s := idStep{Action: action, IDNumber: strings.TrimSpace(r.URL.Query().Get("id_number"))}
	if len(s.IDNumber) > maxField {
		s.IDNumber = s.IDNumber[:maxField]
	}
	if s.IDNumber == "" {
		return s
	}
	s.Checked = true
	s.Check = catalogue.CheckID(s.IDNumber, u.Actor.OnItsChannel().Channel, shebao.Today(h.clock))
	if !s.Check.OK {
		s.Message = h.message(r, s.Check.Err)
		if s.Check.Legacy {
			s.Bring = catalogue.LegacyBring
		}
	}
	return s
}

// refuse puts a refusal about the person (unknown, not insured by the
// unit) on the ID step; other errors are returned for the error page.
func (h *handler) refuse(r *http.Request, s *idStep, err error) error {
	switch shebao.ErrorCode(err) {
	case shebao.EINVALID, shebao.EREFUSED:
		s.Check.OK = false
		s.Message = h.message(r, err)
		return nil
	}
	return err
}

// message is the user-facing message of an input error or refusal.
func (h *handler) message(r *http.Request, err error) string {
	var f formState
	if !f.setError(h.lang(r), err) {
		return ""
	}
	return f.Message
}

// publicAddress returns the office's public address for QR codes.
func (h *handler) publicAddress(r *http.Request) string {
	if h.publicURL != "" {
		return h.publicURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
