package web

import (
	"net/http"
	"strconv"

	"shebao"
	"shebao/counter"
)

// officeHomeData is a member of staff's start page: the way to their work.
type officeHomeData struct {
	Changed                            bool // the password has just been changed
	Role                               shebao.Role
	Waiting                            int // items in review (reviewers and admins)
	Late                               int // of which beyond the target, on the queue's first page
	Target                             string
	ShowCounter, ShowReview, ShowAdmin bool
}

// officeHome is the home page of staff (GET / for a clerk, reviewer or
// admin): it leads a clerk to the counter, a reviewer to the queue and an
// admin to the administration.
func (h *handler) officeHome(w http.ResponseWriter, r *http.Request, u user) error {
	d := officeHomeData{Changed: r.URL.Query().Get("changed") == "1", Role: u.Role,
		ShowCounter: u.Role == shebao.RoleClerk || u.Role == shebao.RoleAdmin,
		ShowReview:  u.Role == shebao.RoleReviewer || u.Role == shebao.RoleAdmin,
		ShowAdmin:   u.Role == shebao.RoleAdmin}
	if d.ShowReview {
		q, err := h.svc.Review.List(r.Context(), u.Actor, "", pageSize, 0)
		if err != nil {
			return err
		}
		d.Waiting, d.Target = q.Total, waitText(h.lang(r), q.Target)
		for _, e := range q.Entries {
			if e.Late {
				d.Late++
			}
		}
	}
	v := h.userView(r, u, "office.home.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "office_home", v)
}

// actForError is the error for a clerk acting for unit u at the counter:
// nil for an active unit, an input error naming the unit (shown beside the
// credit code field; nothing is written) for a suspended one.
func actForError(u shebao.Unit) error {
	if u.Status == shebao.UnitActive {
		return nil
	}
	return shebao.Invalid("credit_code", counter.ReasonUnitSuspended, u.Name)
}

// pathID reads the positive integer path value name, or answers not found.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

// forbidden is the error of a page opened by a role it is not for.
func forbidden() error {
	return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
}

// onlyRoles answers 403 unless u has one of roles: the staff pages check
// before reading anything, and their services check again.
func onlyRoles(u user, roles ...shebao.Role) error {
	for _, r := range roles {
		if u.Role == r {
			return nil
		}
	}
	return forbidden()
}
