//! The reads more than one step shares, each made once per run however many steps ask
//! ([`Reads`]). Each is found by a key type ([`Read`]) that the file making the read defines
//! beside it, so the context that carries them (`Context`) names no step and no step's types,
//! and adding a shared read touches only the step that makes it.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

/// The key of one shared read: a type of its own (usually an empty struct), defined where
/// the read is made, that names what the read gives.
pub trait Read: 'static {
    /// What the read gives; every step that asks gets a clone.
    type Value: Clone + Send + Sync + 'static;
}

/// A run's shared reads, keyed by their [`Read`] type.
#[derive(Default)]
pub struct Reads {
    cells: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Reads {
    /// The cell of `K`, made empty on first use.
    fn cell<K: Read>(&self) -> Arc<OnceCell<K::Value>> {
        let mut cells = self.cells.lock().unwrap_or_else(|e| e.into_inner());
        let cell = cells
            .entry(TypeId::of::<K>())
            .or_insert_with(|| Arc::new(OnceCell::<K::Value>::new()))
            .clone();
        cell.downcast::<OnceCell<K::Value>>()
            .unwrap_or_else(|_| unreachable!("the cell of a key holds the key's value"))
    }

    /// The value of `K`: made by `make` the first time (those who ask meanwhile wait for
    /// it), the same value after.
    pub async fn once<K: Read, F>(&self, make: impl FnOnce() -> F) -> K::Value
    where
        F: Future<Output = K::Value>,
    {
        self.cell::<K>().get_or_init(make).await.clone()
    }

    /// Keeps `value` as `K`'s, unless `K` has one already.
    pub fn set<K: Read>(&self, value: K::Value) {
        let _ = self.cell::<K>().set(value);
    }

    /// `K`'s value, when it has one.
    pub fn get<K: Read>(&self) -> Option<K::Value> {
        self.cell::<K>().get().cloned()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    struct Count;
    impl Read for Count {
        type Value = usize;
    }

    /// Another key with the same value type: a cell of its own.
    struct Other;
    impl Read for Other {
        type Value = usize;
    }

    #[tokio::test]
    async fn each_key_is_made_once_and_apart_from_the_others() {
        let reads = Reads::default();
        let made = AtomicUsize::new(0);
        let make = || async { made.fetch_add(1, Ordering::SeqCst) + 10 };
        let (a, b) = tokio::join!(reads.once::<Count, _>(make), reads.once::<Count, _>(make));
        assert_eq!((a, b), (10, 10));
        assert_eq!(made.load(Ordering::SeqCst), 1);
        assert_eq!(reads.get::<Other>(), None);
        reads.set::<Other>(7);
        reads.set::<Other>(8);
        assert_eq!(reads.get::<Other>(), Some(7));
        assert_eq!(reads.once::<Count, _>(make).await, 10);
        assert_eq!(made.load(Ordering::SeqCst), 1);
    }
}
