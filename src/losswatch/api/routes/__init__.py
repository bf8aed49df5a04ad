"""API routers, one module per topic; :func:`losswatch.api.app.create_app` assembles them."""
