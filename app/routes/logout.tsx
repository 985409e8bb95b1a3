import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readForm } from "../web/form.server";
import { signOutAndRedirect } from "../web/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  return signOutAndRedirect(request);
}
