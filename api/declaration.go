package api

import (
	"net/http"

	"shebao"
	"shebao/declaration"
	"shebao/i18n"
)

// declarationRequest is the body of POST /api/v1/declarations: one
// person's base declaration (基数申报), the wage in yuan as typed.
type declarationRequest struct {
	UnitID    int64  `json:"unit_id"`
	IDNumber  string `json:"id_number"`
	Name      string `json:"name"`
	Wage      string `json:"wage"`
	ClientKey string `json:"client_key"`
}

// declarationJSON is what a declaration did: the window, every line
// applied with the new base and what it changes, the monthly bill before
// and after.
type declarationJSON struct {
	UnitID     int64                 `json:"unit_id"`
	Year       int                   `json:"year"`
	FromPeriod string                `json:"from_period"`
	Lines      []declarationLineJSON `json:"lines"`
	OldBillFen int64                 `json:"old_bill_fen"`
	NewBillFen int64                 `json:"new_bill_fen"`
}

// declarationLineJSON is one person's new base: the declared wage, the
// base applied after the clamp, the monthly contributions before and
// after (employer and employee together) and the item it was recorded as.
type declarationLineJSON struct {
	Item              *itemJSON `json:"item,omitempty"` // absent in a preview
	DeclaredFen       int64     `json:"declared_fen"`
	BaseFen           int64     `json:"base_fen"`
	Clamp             string    `json:"clamp"`
	OldBaseFen        int64     `json:"old_base_fen"`
	OldMonthlyFen     int64     `json:"old_monthly_fen"`
	NewMonthlyFen     int64     `json:"new_monthly_fen"`
	EmployerChangeFen int64     `json:"employer_change_fen"`
	EmployeeChangeFen int64     `json:"employee_change_fen"`
}

// declarationFields are the request's names of the declaration's columns.
var declarationFields = map[string]string{declaration.HeaderIDNumber: "id_number",
	declaration.HeaderName: "name", declaration.HeaderWage: "wage"}

// declare declares one person's base, as the page POST /declaration does
// (POST /api/v1/declarations), or tells what declaring it would do and
// writes nothing (POST /api/v1/declarations/preview, as the page's preview):
// operators for the own unit, clerks and admins for the unit they name. A
// whole workbook is a batch of kind declare (batches.go).
func (s *server) declare(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	if err := onlyRoles(a, shebao.RoleOperator, shebao.RoleClerk, shebao.RoleAdmin); err != nil {
		return err
	}
	var b declarationRequest
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	if r.URL.Path == "/api/v1/declarations/preview" {
		res, err := s.svc.Declaration.Check(r.Context(), a, b.UnitID,
			[]declaration.Entry{{IDNumber: b.IDNumber, Name: b.Name, Wage: b.Wage}})
		return s.writeDeclaration(w, r, res, err, http.StatusOK)
	}
	key, err := clientKey(r, b.ClientKey)
	if err != nil {
		return err
	}
	res, err := s.svc.Declaration.Declare(r.Context(), a, b.UnitID,
		declaration.Entry{IDNumber: b.IDNumber, Name: b.Name, Wage: b.Wage, ClientKey: key})
	return s.writeDeclaration(w, r, res, err, http.StatusCreated)
}

// writeDeclaration answers a declaration or its preview with status, or
// with the error of the one entry refused.
func (s *server) writeDeclaration(w http.ResponseWriter, r *http.Request, res declaration.Result, err error, status int) error {
	if err != nil {
		return renameField(err, map[string]string{"unit": "unit_id"})
	}
	if len(res.Lines) == 0 && len(res.Errors) == 1 { // the one entry was refused
		e := res.Errors[0]
		return shebao.Invalid(declarationFields[e.Column], e.Reason, e.Args...)
	}
	s.writeJSON(w, r, status, declarationOf(res, langOf(r)))
	return nil
}

func declarationOf(res declaration.Result, lang i18n.Lang) declarationJSON {
	out := declarationJSON{UnitID: res.Unit.ID, Year: res.Window.Year, FromPeriod: res.Window.FromPeriod.String(),
		Lines: []declarationLineJSON{}, OldBillFen: int64(res.OldBill), NewBillFen: int64(res.NewBill)}
	for _, l := range res.Lines {
		line := declarationLineJSON{DeclaredFen: int64(l.Base.Wage),
			BaseFen: int64(l.Base.Base), Clamp: string(l.Base.Clamp), OldBaseFen: int64(l.OldBase),
			OldMonthlyFen: int64(l.OldMonthly), NewMonthlyFen: int64(l.NewMonthly),
			EmployerChangeFen: int64(l.Change.Employer), EmployeeChangeFen: int64(l.Change.Employee)}
		if l.Item.ID != 0 {
			it := itemOf(l.Item, lang)
			line.Item = &it
		}
		out.Lines = append(out.Lines, line)
	}
	return out
}
