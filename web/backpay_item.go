package web

import (
	"net/http"
	"strconv"

	"shebao"
	"shebao/backpay"
)

// backpayItemData is a back-pay item with its months as submitted.
type backpayItemData struct {
	Item    shebao.Item
	Payload backpay.Payload
}

// Fen turns a payload amount into money for display.
func (backpayItemData) Fen(v int64) shebao.Fen { return shebao.Fen(v) }

// backpayItem shows a back-pay item: its status, the review outcome and
// the months with their amounts (GET /backpay/items/{id}).
func (h *handler) backpayItem(w http.ResponseWriter, r *http.Request, u user) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	it, err := h.svc.Handling.Item(r.Context(), u.Actor, id)
	if err != nil {
		return err
	}
	if it.Type != shebao.ItemBackpay {
		return errNotFound
	}
	p, err := backpay.DecodePayload(it.Payload)
	if err != nil {
		return err
	}
	v := h.userView(r, u, "backpay.item.title")
	v.Data = backpayItemData{Item: it, Payload: p}
	return h.render(w, r, http.StatusOK, "backpay_item", v)
}
