package api

// RoutePatterns are the patterns of the route table, for the authorization
// matrix (package api_test).
func RoutePatterns() []string {
	var out []string
	for _, rt := range (&server{}).routes() {
		out = append(out, rt.pattern)
	}
	return out
}
