package api

import (
	"net/http"
	"strings"

	"shebao"
	"shebao/changes"
)

// unitChangeRequest is the body of POST /api/v1/changes/unit: contact,
// phone, address and bank account apply at once; name, credit code and
// legal representative go to a reviewer with the reason. An absent field
// keeps its current value, as the page's form is filled with them.
type unitChangeRequest struct {
	Contact     *string `json:"contact"`
	Phone       *string `json:"phone"`
	Address     *string `json:"address"`
	BankAccount *string `json:"bank_account"`
	Name        *string `json:"name"`
	CreditCode  *string `json:"credit_code"`
	LegalRep    *string `json:"legal_rep"`
	Reason      string  `json:"reason"`
	ClientKey   string  `json:"client_key"`
}

// personChangeRequest is the body of POST /api/v1/changes/person: phone
// and address apply at once; name, ID number and post category corrections
// go to a reviewer with the reason. An absent field keeps its current
// value.
type personChangeRequest struct {
	IDNumber     string  `json:"id_number"`
	Phone        *string `json:"phone"`
	Address      *string `json:"address"`
	Name         *string `json:"name"`
	NewIDNumber  *string `json:"new_id_number"`
	PostCategory *string `json:"post_category"`
	Reason       string  `json:"reason"`
	ClientKey    string  `json:"client_key"`
}

// or is *v when it was sent, else the current value.
func or(v *string, current string) string {
	if v == nil {
		return current
	}
	return *v
}

// changeJSON is what an information change made: the item of the fields
// applied at once and the item sent to review, each null when the request
// had no such field.
type changeJSON struct {
	Applied *itemJSON `json:"applied"`
	Review  *itemJSON `json:"review"`
}

func changeOf(res changes.Result, r *http.Request) changeJSON {
	var out changeJSON
	if res.Applied.ID != 0 {
		it := itemOf(res.Applied, langOf(r))
		out.Applied = &it
	}
	if res.Review.ID != 0 {
		it := itemOf(res.Review, langOf(r))
		out.Review = &it
	}
	return out
}

// changeUnit changes the caller's unit's information, as the page POST
// /changes/unit does: operators only.
func (s *server) changeUnit(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	if err := onlyOperators(a); err != nil {
		return err
	}
	var b unitChangeRequest
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	key, err := clientKey(r, b.ClientKey)
	if err != nil {
		return err
	}
	u, err := s.svc.Changes.Unit(r.Context(), a, 0)
	if err != nil {
		return err
	}
	res, err := s.svc.Changes.ChangeUnit(r.Context(), a, changes.UnitRequest{Contact: or(b.Contact, u.Contact),
		Phone: or(b.Phone, u.Phone), Address: or(b.Address, u.Address), BankAccount: or(b.BankAccount, u.BankAccount),
		Name: or(b.Name, u.Name), CreditCode: or(b.CreditCode, u.CreditCode), LegalRep: or(b.LegalRep, u.LegalRep),
		Reason: b.Reason, ClientKey: key})
	if err != nil {
		return changeField(err)
	}
	s.writeJSON(w, r, http.StatusOK, changeOf(res, r))
	return nil
}

// changeField names the field at fault as the request does: the service
// names the pages' form fields ("chg_phone").
func changeField(err error) error {
	e := shebao.AsError(err)
	if name, ok := strings.CutPrefix(e.Field, "chg_"); ok && e.Code != shebao.EINTERNAL {
		return shebao.WithField(err, name)
	}
	return err
}

// changePerson changes an insured person's information, as the page POST
// /changes/person does: operators only, for a person of the own unit.
func (s *server) changePerson(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	if err := onlyOperators(a); err != nil {
		return err
	}
	var b personChangeRequest
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	if b.IDNumber == "" {
		return invalid("id_number", shebao.ReasonRequired)
	}
	key, err := clientKey(r, b.ClientKey)
	if err != nil {
		return err
	}
	p, err := s.svc.Changes.Person(r.Context(), a, 0, b.IDNumber)
	if err != nil {
		return err
	}
	res, err := s.svc.Changes.ChangePerson(r.Context(), a, changes.PersonRequest{IDNumber: p.IDNumber,
		Phone: or(b.Phone, p.Phone), Address: or(b.Address, p.Address), Name: or(b.Name, p.Name),
		NewIDNumber:  or(b.NewIDNumber, p.IDNumber),
		PostCategory: shebao.PostCategory(or(b.PostCategory, string(p.PostCategory))), Reason: b.Reason, ClientKey: key})
	if err != nil {
		return changeField(err)
	}
	s.writeJSON(w, r, http.StatusOK, changeOf(res, r))
	return nil
}
