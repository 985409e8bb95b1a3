import { notFound } from "../utils/http.server";

// Any unknown address lands here so the 404 page keeps the site's layout and navigation.
export async function loader() {
  throw notFound("您访问的页面不存在，请检查网址，或从首页重新进入。");
}

export default function NotFound() {
  return null;
}
