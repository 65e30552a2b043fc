package web

// routes registers every API operation; each also lands in the OpenAPI document.
func (s *Server) routes() {
	s.userRoutes()
	s.customerRoutes()
	s.locationRoutes()
	s.contactRoutes()
	s.searchRoutes()
	s.changeRoutes()
	s.placeholderRoutes()
	s.callRoutes()
}
