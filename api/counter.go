package api

import (
	"net/http"
	"strconv"

	"shebao"
	"shebao/counter"
)

// counterRecordRequest is the body of POST
// /api/v1/counter/units/{id}/records: a counter-only item (社保卡制卡,
// 退休拨付, 生育待遇支付) with the checklist documents the clerk has seen.
type counterRecordRequest struct {
	Type      string   `json:"type"`
	IDNumber  string   `json:"id_number"`
	Documents []string `json:"documents"`
	Remark    string   `json:"remark"`
	ClientKey string   `json:"client_key"`
}

// counterHandle submits an enrollment, resumption or stop for the unit of
// the path at the counter (counter.Service.Handle): clerks and admins, on
// the counter channel, so the counter's days apply. The body is that of
// POST /items without unit_id.
func (s *server) counterHandle(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	unitID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	req, names, err := readItemRequest(w, r, a)
	if err != nil {
		return err
	}
	if req.UnitID != 0 {
		return invalid("unit_id", ReasonJSONUnknown)
	}
	it, err := s.svc.Counter.Handle(r.Context(), a, unitID, req)
	if err != nil {
		return renameField(err, names)
	}
	return s.writeCounterItem(w, r, it)
}

// counterRecord records a counter-only item for the unit of the path, as
// the page POST /counter/units/{id}/items/new does (counter.Service.Record).
func (s *server) counterRecord(w http.ResponseWriter, r *http.Request, a shebao.Actor) error {
	unitID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var b counterRecordRequest
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	key := r.Header.Get(idempotencyHeader)
	if b.ClientKey != "" {
		if key != "" && key != b.ClientKey {
			return invalid("client_key", ReasonKeyMismatch)
		}
		key = b.ClientKey
	}
	it, err := s.svc.Counter.Record(r.Context(), a, counter.Request{Type: shebao.ItemType(b.Type), UnitID: unitID,
		IDNumber: b.IDNumber, Documents: b.Documents, Remark: b.Remark, ClientKey: key})
	if err != nil {
		return renameField(err, map[string]string{"unit": "unit_id"})
	}
	return s.writeCounterItem(w, r, it)
}

// writeCounterItem answers an item made at the counter: 201, or 200 for
// the item a repeated idempotency key already made.
func (s *server) writeCounterItem(w http.ResponseWriter, r *http.Request, it shebao.Item) error {
	status := http.StatusCreated
	if it.Replayed {
		status = http.StatusOK
	}
	w.Header().Set("Location", "/api/v1/items/"+strconv.FormatInt(it.ID, 10))
	s.writeJSON(w, r, status, itemOf(it, langOf(r)))
	return nil
}
