import { apiMethods } from "@/lib/api/handler";

// Every path under /api/v1 that no route file serves: the API's JSON 404, whatever the method,
// instead of Next.js's HTML page. The routes next to it are more specific and win.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({});
