import { ListSkeleton } from "@/components/accounts/ListControls";

export default function Loading() {
  return <ListSkeleton title="Validators" />;
}
