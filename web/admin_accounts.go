package web

import (
	"net/http"
	"strconv"

	"shebao"
	"shebao/admin"
)

// issuedData shows a one-time password once.
type issuedData struct {
	Issued admin.Issued
	Back   string
}

// renderIssued shows the one-time password just issued. It is rendered in
// the POST's answer (never stored, never in a URL), so it is shown once.
func (h *handler) renderIssued(w http.ResponseWriter, r *http.Request, u user, is admin.Issued, back string) error {
	v := h.userView(r, u, "office.admin.issued")
	v.Data = issuedData{Issued: is, Back: back}
	return h.render(w, r, http.StatusOK, "admin_issued", v)
}

// accountBack is the page an account's administration returns to.
func accountBack(acc shebao.Account) string {
	if acc.UnitID != 0 {
		return "/admin/units/" + strconv.FormatInt(acc.UnitID, 10)
	}
	return "/admin/staff"
}

// adminReset issues a one-time password (POST /admin/accounts/{id}/reset).
func (h *handler) adminReset(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	is, err := h.svc.Admin.ResetPassword(r.Context(), u.Actor, id)
	if err != nil {
		return err
	}
	return h.renderIssued(w, r, u, is, accountBack(is.Account))
}

// adminUnlock lifts an account's lockout without a new password
// (POST /admin/accounts/{id}/unlock).
func (h *handler) adminUnlock(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	acc, err := h.svc.Admin.Unlock(r.Context(), u.Actor, id)
	if err != nil {
		return err
	}
	http.Redirect(w, r, accountBack(acc), http.StatusSeeOther)
	return nil
}

// lockedOf returns which of the accounts are locked out now.
func (h *handler) lockedOf(accs []shebao.Account) map[int64]bool {
	locked := map[int64]bool{}
	for _, a := range accs {
		locked[a.ID] = h.svc.Admin.Locked(a)
	}
	return locked
}

// adminDisable disables (disabled=1) or enables (disabled=0) an account
// (POST /admin/accounts/{id}/disabled).
func (h *handler) adminDisable(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	acc, err := h.svc.Admin.SetDisabled(r.Context(), u.Actor, id, r.PostForm.Get("disabled") == "1")
	if err != nil {
		return err
	}
	http.Redirect(w, r, accountBack(acc), http.StatusSeeOther)
	return nil
}

// adminRole gives a staff account another role (POST /admin/accounts/{id}/role).
func (h *handler) adminRole(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	acc, err := h.svc.Admin.SetRole(r.Context(), u.Actor, id, shebao.Role(r.PostForm.Get("role")))
	if err != nil {
		return err
	}
	http.Redirect(w, r, accountBack(acc), http.StatusSeeOther)
	return nil
}

// staffData is the staff accounts page.
type staffData struct {
	formState
	Accounts []shebao.Account
	Locked   map[int64]bool // the accounts locked out now
	Roles    []shebao.Role
	Role     string
	Username string
	Display  string
	SelfID   int64
}

// adminStaff lists the staff accounts with the new account form (GET /admin/staff).
func (h *handler) adminStaff(w http.ResponseWriter, r *http.Request, u user) error {
	return h.renderStaff(w, r, u, http.StatusOK, staffData{Role: string(shebao.RoleClerk)})
}

func (h *handler) renderStaff(w http.ResponseWriter, r *http.Request, u user, status int, d staffData) error {
	var err error
	if d.Accounts, err = h.svc.Admin.Accounts(r.Context(), u.Actor, 0); err != nil {
		return err
	}
	d.Locked = h.lockedOf(d.Accounts)
	d.Roles, d.SelfID = admin.StaffRoles(), u.AccountID
	v := h.userView(r, u, "office.admin.staff")
	v.Data = d
	return h.render(w, r, status, "admin_staff", v)
}

// adminStaffCreate creates a staff account and shows its one-time password
// (POST /admin/staff).
func (h *handler) adminStaffCreate(w http.ResponseWriter, r *http.Request, u user) error {
	var d staffData
	var err error
	if d.Username, err = text(r, "username", maxField); err == nil {
		d.Display, err = text(r, "display_name", maxField)
	}
	d.Role = r.PostForm.Get("role")
	var is admin.Issued
	if err == nil {
		is, err = h.svc.Admin.CreateStaff(r.Context(), u.Actor, shebao.Role(d.Role), d.Username, d.Display)
	}
	if err != nil {
		if !d.setError(h.lang(r), err, "username", "display_name", "role") {
			return err
		}
		return h.renderStaff(w, r, u, http.StatusUnprocessableEntity, d)
	}
	return h.renderIssued(w, r, u, is, "/admin/staff")
}
