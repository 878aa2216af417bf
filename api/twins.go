package api

import (
	"net/http"
	"strconv"
	"strings"

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

// clientKey is a request's idempotency key: the Idempotency-Key header or
// the body's client_key, which must be equal when both are sent. The
// services own what a key does (shebao.ReplayOf).
func clientKey(r *http.Request, body string) (string, error) {
	key := strings.TrimSpace(r.Header.Get(idempotencyHeader))
	if body == "" {
		return key, nil
	}
	if key != "" && key != body {
		return "", invalid("client_key", ReasonKeyMismatch)
	}
	return body, nil
}

// created is 201 for a new item, 200 for the one a repeated key made.
func created(it shebao.Item) int {
	if it.Replayed {
		return http.StatusOK
	}
	return http.StatusCreated
}
