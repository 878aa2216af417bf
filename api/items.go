package api

import (
	"net/http"
	"strconv"
	"strings"

	"shebao"
	"shebao/handling"
)

// itemRequest is the body of POST /api/v1/items and /api/v1/items/preview.
type itemRequest struct {
	Type       string  `json:"type"`
	UnitID     int64   `json:"unit_id"`
	IDNumber   string  `json:"id_number"`
	WageFen    *int64  `json:"wage_fen"`
	Wage       *string `json:"wage"`
	StopReason string  `json:"stop_reason"`
	ClientKey  string  `json:"client_key"`
}

// idempotencyHeader carries a submission's idempotency key.
const idempotencyHeader = "Idempotency-Key"

// readItemRequest decodes an item request and turns it into the engine's,
// with the renames of the fields the engine's errors name. The wage is
// wage_fen (integer fen) or wage (a string of yuan); when both are sent they
// must agree. The idempotency key is the Idempotency-Key header or
// client_key; when both are sent they must be equal.
func readItemRequest(w http.ResponseWriter, r *http.Request, a shebao.Actor) (handling.Request, map[string]string, error) {
	var body itemRequest
	if err := decodeJSON(w, r, &body); err != nil {
		return handling.Request{}, nil, err
	}
	req, err := body.request(r, a)
	return req, body.fieldNames(), err
}

// request checks the body and turns it into the engine's request.
func (b itemRequest) request(r *http.Request, a shebao.Actor) (handling.Request, error) {
	wage, err := b.wage()
	if err != nil {
		return handling.Request{}, err
	}
	key := strings.TrimSpace(r.Header.Get(idempotencyHeader))
	if b.ClientKey != "" {
		if key != "" && key != b.ClientKey {
			return handling.Request{}, invalid("client_key", ReasonKeyMismatch)
		}
		key = b.ClientKey
	}
	return handling.Request{
		Type: shebao.ItemType(b.Type), UnitID: b.UnitID, IDNumber: b.IDNumber,
		Wage: wage, StopReason: shebao.StopReason(b.StopReason), ClientKey: key,
	}, nil
}

// wage returns the declared wage: wage_fen, else wage parsed as yuan. An
// empty wage string counts as absent (a stop needs no wage).
func (b itemRequest) wage() (shebao.Fen, error) {
	var fromYuan shebao.Fen
	if b.Wage != nil && strings.TrimSpace(*b.Wage) == "" {
		b.Wage = nil
	}
	if b.Wage != nil {
		f, err := shebao.ParseYuan(*b.Wage)
		if err != nil {
			return 0, shebao.WithField(err, "wage")
		}
		fromYuan = f
	}
	if b.WageFen == nil {
		return fromYuan, nil
	}
	if b.Wage != nil && fromYuan != shebao.Fen(*b.WageFen) {
		return 0, invalid("wage", ReasonWageConflict)
	}
	return shebao.Fen(*b.WageFen), nil
}

// fieldNames returns how the engine's field names map for this request:
// its "wage" is wage_fen when the client sent that.
func (b itemRequest) fieldNames() map[string]string {
	names := map[string]string{"unit": "unit_id"}
	if b.WageFen != nil {
		names["wage"] = "wage_fen"
	}
	return names
}

// previewItem tells what submitting the request would do, writing nothing.
func (s *server) previewItem(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	req, names, err := readItemRequest(w, r, a)
	if err != nil {
		return err
	}
	pv, err := s.svc.Handling.Preview(r.Context(), a, req)
	if err != nil {
		return renameField(err, names)
	}
	s.writeJSON(w, r, http.StatusOK, previewOf(pv, langOf(r)))
	return nil
}

// submitItem decides and applies a request at once and answers with the
// item: 201 for a new item, 200 for the item a repeated idempotency key
// already made.
func (s *server) submitItem(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	req, names, err := readItemRequest(w, r, a)
	if err != nil {
		return err
	}
	it, err := s.svc.Handling.Submit(r.Context(), a, req)
	if err != nil {
		return renameField(err, names)
	}
	status := http.StatusCreated
	if it.Replayed {
		status = http.StatusOK
	}
	w.Header().Set("Location", "/api/v1/items/"+strconv.FormatInt(it.ID, 10))
	s.writeJSON(w, r, status, itemOf(it, langOf(r)))
	return nil
}
