package i18n

// Messages of the JSON API's own reasons (package api) and the names of the
// API fields they may point at. Like reason.REQUIRED, the messages of the
// body and type errors follow the field's name: "请求内容：过大" / "Request body: is too large".
func init() {
	add(
		[3]string{"reason.CONTENT_TYPE", "须为 JSON（Content-Type: application/json）。", "must be JSON (Content-Type: application/json)."},
		[3]string{"reason.BODY_TOO_LARGE", "过大，最多 %s 字节。", "is too large: at most %s bytes."},
		[3]string{"reason.JSON_MALFORMED", "不是一个有效的 JSON 对象。", "is not one valid JSON object."},
		[3]string{"reason.JSON_UNKNOWN_FIELD", "不认识的字段“%s”，请对照接口文档检查字段名。", "Unknown field %s: check the field names against the API documentation."},
		[3]string{"reason.JSON_WANT_INTEGER", "应为整数。", "must be a whole number."},
		[3]string{"reason.JSON_WANT_STRING", "应为字符串。", "must be a string."},
		[3]string{"reason.JSON_WANT_OBJECT", "应为 JSON 对象。", "must be a JSON object."},
		[3]string{"reason.JSON_WRONG_TYPE", "类型不对，请对照接口文档。", "has the wrong type: see the API documentation."},
		[3]string{"reason.WAGE_CONFLICT", "wage_fen 与 wage 金额不一致，请只填写其中一个。", "wage_fen and wage disagree: send only one of them."},
		[3]string{"reason.IDEMPOTENCY_KEY_MISMATCH", "请求头 Idempotency-Key 与 client_key 不一致。", "The Idempotency-Key header and client_key differ."},
		[3]string{"reason.IDEMPOTENCY_KEY_REUSED", "该提交标识已用于另一笔业务，请为新业务使用新的标识。", "This key was already used for a different item. Use a new key for a new item."},
		[3]string{"reason.TERMINAL_REJECTED", "自助终端未登记或密钥不正确，请联系经办机构。", "This terminal is not enrolled, or its secret is wrong. Please contact the office."},
		[3]string{"reason.BEARER_REQUIRED", "接口不接受会话 Cookie，请在 Authorization 请求头中携带令牌（Bearer）。", "The API does not accept session cookies: send the token in the Authorization header (Bearer)."},
		[3]string{"reason.UNKNOWN_STATUS", "不支持的办理状态“%s”。", "Unknown status %s."},

		[3]string{"field.body", "请求内容", "Request body"},
		[3]string{"field.unit_id", "参保单位", "Unit"},
		[3]string{"field.wage_fen", "月工资（分）", "Monthly wage (fen)"},
		[3]string{"field.terminal", "自助终端", "Terminal"},
		[3]string{"field.terminal.code", "终端编号", "Terminal code"},
		[3]string{"field.terminal.secret", "终端密钥", "Terminal secret"},
		[3]string{"field.limit", "每页条数", "Page size"},
		[3]string{"field.offset", "起始位置", "Offset"},
		[3]string{"field.q", "查询条件", "Search"},
	)
}
