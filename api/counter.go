package api

import (
	"net/http"
	"strconv"

	"shebao"
	"shebao/counter"
)

// The counter's increase and decrease items need no endpoint of their own:
// clerks and admins work on the counter channel wherever they log in
// (shebao.ChannelFor), so their POST /api/v1/items with unit_id is the
// counter's, and the counter's days apply to it.

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
	key, err := clientKey(r, b.ClientKey)
	if err != nil {
		return err
	}
	it, err := s.svc.Counter.Record(r.Context(), a, counter.Request{Type: shebao.ItemType(b.Type), UnitID: unitID,
		IDNumber: b.IDNumber, Documents: b.Documents, Remark: b.Remark, ClientKey: key})
	if err != nil {
		return renameField(err, map[string]string{"unit": "unit_id"})
	}
	w.Header().Set("Location", "/api/v1/items/"+strconv.FormatInt(it.ID, 10))
	s.writeJSON(w, r, created(it), itemOf(it, langOf(r)))
	return nil
}
