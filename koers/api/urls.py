from ninja import NinjaAPI

api = NinjaAPI(title="Koers API", version="1", urls_namespace="api")
