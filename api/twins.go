package api

import (
	"net/http"
	"strconv"

	"shebao"
)

// Helpers of the endpoints that mirror the pages (progress.go,
// retirement.go, review.go, proofs.go, contributions.go, changes.go,
// declaration.go, counter.go): each calls the service method its page
// calls, with the page's role check.

// pathID is the positive integer path value name; anything else is not
// found, as for a missing thing.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound}
	}
	return id, nil
}

// onlyOperators refuses everyone but a unit's operator, as the pages of
// the unit's own items do (retirement pre-review, information changes,
// proofs, contribution history).
func onlyOperators(a shebao.Actor) error {
	if a.Role != shebao.RoleOperator || a.UnitID == 0 {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	return nil
}

// onlyRoles refuses everyone but the roles given, as the office's pages do.
func onlyRoles(a shebao.Actor, roles ...shebao.Role) error {
	for _, r := range roles {
		if a.Role == r {
			return nil
		}
	}
	return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
}
